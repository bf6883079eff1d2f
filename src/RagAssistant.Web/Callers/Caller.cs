using System.Net;
using System.Security.Claims;
using RagAssistant.Core.Conversations;

namespace RagAssistant.Web.Callers;

/// <summary>
/// Who is asking, for the two decisions that depend on it: whose conversations they see (<see cref="Owner"/>) and
/// whose limits they use (<see cref="LimitKey"/>). A signed-in user is both; otherwise the limits follow the client
/// address, because a new anonymous session is free to make and must not buy a fresh allowance.
/// </summary>
public sealed record Caller(ConversationOwner Owner, string LimitKey)
{
    /// <summary>
    /// The caller of an HTTP request or hub connection: the signed-in user's <see cref="ClaimTypes.NameIdentifier"/>,
    /// else the browser's anonymous session when one is given (the page only), else the client address.
    /// </summary>
    public static Caller Of(HttpContext context, string? browserSession = null)
    {
        if (SignedInUser(context.User) is { } user) return new(ConversationOwner.User(user), "user:" + user);
        var address = AddressOf(context);
        var owner = browserSession is not null ? ConversationOwner.Session(browserSession) : ConversationOwner.Address(address);
        return new(owner, "address:" + address);
    }

    /// <summary>Behind a reverse proxy, enable forwarded headers so that this is the client's address, not the proxy's.</summary>
    public static string AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>The stable id of a signed-in principal; null when nobody signed in (an open app lets everyone in unnamed).</summary>
    public static string? SignedInUser(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true && principal.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id ? id : null;
}
