using RagAssistant.Hosting;
using RagAssistant.Web.Api;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Indexing;
using RagAssistant.Web.Security;

var builder = WebApplication.CreateBuilder(args);

// The product: embeddings, the index (embedded or Qdrant), search, and the answer orchestrator.
builder.AddRagAssistant();
builder.Services.AddSingleton<IndexStatus>();
builder.Services.AddHostedService<SampleCorpusSeeder>();

// The surfaces: the chat UI for people, the API for agents.
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
builder.AddAgentApi();
builder.AddChatUi();
builder.AddMachineSurfaceRateLimits();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseMachineSurfaceRateLimits();
app.MapAgentApi();
app.MapChatUi();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
