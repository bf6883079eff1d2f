using Microsoft.AspNetCore.SignalR;
using RagAssistant.Core.Configuration;
using RagAssistant.Web.Asking;
using RagAssistant.Web.Chat;

namespace RagAssistant.Web.Limits;

/// <summary>
/// The limits on questions and uploads per caller (the HTTP request limit is <see cref="Security.RateLimitingExtensions"/>),
/// and the one way a question comes in (<see cref="AskHandler"/>). Where the limits count — this process, or Redis so
/// that every node counts against the same allowance — is <see cref="SharedState.NodeStateExtensions"/>'s decision.
/// </summary>
public static class LimitsExtensions
{
    public static WebApplicationBuilder AddCallerLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuestionLimitOptions>()
            .BindConfiguration(QuestionLimitOptions.Section)
            .Validate(o => o.PermitLimit >= 0, "QuestionLimits:PermitLimit must be 0 (off) or more.")
            .Validate(o => o.Window > TimeSpan.Zero, "QuestionLimits:Window must be a positive time span such as 00:01:00.")
            .ValidateOnStart();
        builder.Services.AddOptions<UploadLimitOptions>()
            .BindConfiguration(UploadLimitOptions.Section)
            .Validate(o => o.FilesPerDay >= 0 && o.BytesPerDay >= 0 && o.TotalBytesPerDay >= 0, "UploadLimits values must be 0 or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<QuestionLimiter>();
        builder.Services.AddSingleton<UploadQuota>();
        builder.Services.AddSingleton<AskHandler>();
        builder.Services.AddSignalR().AddHubOptions<ChatHub>(options => options.AddFilter<AskHubFilter>());
        return builder;
    }
}
