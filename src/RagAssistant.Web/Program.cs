using RagAssistant.Hosting;
using RagAssistant.Web.Api;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Indexing;
using RagAssistant.Web.Limits;
using RagAssistant.Web.Security;

var builder = WebApplication.CreateBuilder(args);

// The product: embeddings, the index (embedded or Qdrant), search, and the answer orchestrator.
builder.AddRagAssistant();
builder.Services.AddSingleton<IndexStatus>();
builder.Services.AddOptions<SampleCorpusOptions>().BindConfiguration(SampleCorpusOptions.Section);
builder.Services.AddHostedService<SampleCorpusSeeder>();

// The surfaces: the chat UI for people, the API for agents.
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
builder.AddAgentApi();
builder.AddChatUi();
builder.AddCallerLimits();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRouting();
// Endpoints say which limit and policy they need (MapAgentApi, MapChatUi). The limiter runs after authentication, to
// count per signed-in user, and before authorization, so floods without a key are limited (per address) too.
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapAgentApi();
app.MapChatUi();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
