using RagAssistant.Hosting;
using RagAssistant.Web.Api;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Indexing;
using RagAssistant.Web.Limits;
using RagAssistant.Web.Security;
using RagAssistant.Web.SharedState;

var builder = WebApplication.CreateBuilder(args);
// Blazor's framework files from the build output in every environment (run.sh starts Production without publishing); published output has its own.
builder.WebHost.UseStaticWebAssets();

// The product: embeddings, the index (embedded or Qdrant), search, and the answer orchestrator.
builder.AddRagAssistant();
builder.Services.AddSampleCorpus();

// Who may use it: the whole app behind sign-in once Rag:ApiKey or an identity provider is configured; hubs only from this site.
builder.AddSignIn();
// HTTPS directly or behind a proxy that ends TLS: forwarded headers only from known proxies, Secure cookies, HSTS.
builder.AddTransportSecurity();
// What the nodes must agree on (key ring, limits' windows, upload queue, seeding lock): this process, or Redis for several.
builder.AddNodeState();
builder.AddSameOriginConnections();

// The surfaces: the chat UI for people, the API for agents.
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = RagAssistant.Contracts.WireJson.Options.PropertyNamingPolicy);
builder.AddAgentApi();
builder.AddChatUi();
builder.AddCallerLimits();

var app = builder.Build();

// Outside Development an unhandled exception is a problem document with a traceId, its detail only in the log.
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler();
app.UseTransportSecurity();
app.UseSecurityHeaders();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRouting();
app.UseFieldProblems();
app.UseSameOriginConnections();
// Endpoints say which limit and policy they need (MapAgentApi, MapChatUi). The limiter runs after authentication, to
// count per signed-in user, and before authorization, so floods without a key are limited (per address) too.
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapSignIn();
app.MapAgentApi();
app.MapChatUi();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
