using System.Text.Json;
using RagAssistant.Core.Configuration;
//TEMP using RagAssistant.Embeddings;
using RagAssistant.Qdrant;
using RagAssistant.Web.Api;
using RagAssistant.Web.Indexing;

DotEnvFile.Load();
var builder = WebApplication.CreateBuilder(args);

builder.Services
    //TEMP .AddRagEmbeddings(builder.Configuration)
    .AddQdrantIndex(builder.Configuration)
    .AddRagCore(builder.Configuration);
builder.Services.AddSingleton<IndexStatus>();
builder.Services.AddHostedService<SampleCorpusSeeder>();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
app.MapSearchEndpoints();
app.MapGet("/health", (IndexStatus status) => status.Problem is null
    ? Results.Ok(new { status = status.Ready ? "ready" : "starting", papers = status.Papers, indexing = status.Indexing })
    : Results.Json(new { status = "unavailable", problem = status.Problem }, statusCode: StatusCodes.Status503ServiceUnavailable));

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
