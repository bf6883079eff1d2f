using System.Net;
using StackExchange.Redis;

namespace RagAssistant.Redis;

/// <summary>The servers a <c>Redis:Connection</c> names, in words for messages and /health: endpoints only, never the password.</summary>
public static class RedisEndpoints
{
    public static string Describe(string connection)
    {
        try
        {
            return string.Join(", ", ConfigurationOptions.Parse(connection).EndPoints.Select(endpoint => endpoint switch
            {
                DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
                _ => endpoint.ToString(),
            }));
        }
        catch (ArgumentException)
        {
            return "(an invalid Redis:Connection)";
        }
    }
}
