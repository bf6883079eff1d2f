using RagAssistant.Core.Configuration;
using RagAssistant.Core.Orchestration;
//TEMP using RagAssistant.Embeddings;
using RagAssistant.Qdrant;
using RagAssistant.Web.Api;
using RagAssistant.Web.Indexing;

DotEnvFile.Load();
var builder = WebApplication.CreateBuilder(args);

// The product: embeddings, the index (embedded or Qdrant), search, and the answer orchestrator.
builder.Services
    //TEMP .AddRagEmbeddings(builder.Configuration)
    .AddQdrantIndex(builder.Configuration)
    .AddRagCore(builder.Configuration)
    .AddRagOrchestration(builder.Configuration);
builder.Services.AddSingleton<IndexStatus>();
builder.Services.AddHostedService<SampleCorpusSeeder>();

// The surfaces: the chat UI for people, the API for agents.
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);

var app = builder.Build();

app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapSearchEndpoints();
app.MapGet("/health", (IndexStatus status) => status.Problem is null
    ? Results.Ok(new { status = status.Ready ? "ready" : "starting", papers = status.Papers, indexing = status.Indexing })
    : Results.Json(new { status = "unavailable", problem = status.Problem }, statusCode: StatusCodes.Status503ServiceUnavailable));

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
