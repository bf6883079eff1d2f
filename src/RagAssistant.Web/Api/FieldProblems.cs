using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace RagAssistant.Web.Api;

/// <summary>
/// A request the endpoint could not even be called with — malformed JSON, a value of the wrong type, a date that is not
/// one, a query parameter that does not parse — answered 400 with a validation problem whose <c>errors</c> name the
/// field, like every other refusal of the API, instead of a bare "Bad Request". ASP.NET Core is told to throw on such
/// requests (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>) and this middleware words the exception.
/// </summary>
public static partial class FieldProblems
{
    private static readonly (string, string) MissingBody = ("body", "The body is missing: send a JSON object.");

    public static IServiceCollection AddFieldProblems(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

    /// <summary>After routing, so the endpoint's parameters are known; before the endpoints, whose binding throws.</summary>
    public static IApplicationBuilder UseFieldProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
            {
                var (field, message) = Describe(exception, context);
                context.Response.Clear();
                await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }).ExecuteAsync(context);
            }
        });

    private static (string Field, string Message) Describe(BadHttpRequestException exception, HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (exception.InnerException is JsonException json)
        {
            // A reader error is the text itself; any other is a value the field's type cannot take.
            if (json.InnerException is JsonException syntax)
            {
                return ("body", $"The body is not valid JSON: {Unlocated(syntax.Message)} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).");
            }
            var field = FieldOf(json.Path);
            var type = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } body ? PropertyType(body, field, context) : null;
            return (field, $"{field} must be {Expected(type)}.");
        }
        if (BoundParameter().Match(exception.Message) is { Success: true } bound)
        {
            var name = bound.Groups["name"].Value;
            if (bound.Groups["source"].Value.Contains("body", StringComparison.Ordinal)) return MissingBody;
            var type = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;
            return bound.Groups["value"].Success
                ? (name, $"{name} must be {Expected(type)}.")
                : (name, $"{name} is required.");
        }
        // 'Implicit body inferred for parameter "request" but no body was provided.'
        return exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? MissingBody : ("request", exception.Message);
    }


    /// <summary><c>$.from</c> → <c>from</c>; the whole document (<c>$</c>) is the body.</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>The CLR type behind a snake_case JSON field of the request body, read through the API's own JSON options.</summary>
    private static Type? PropertyType(Type body, string field, HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return options.GetTypeInfo(body).Properties.FirstOrDefault(property => property.Name == field)?.PropertyType;
    }

    private static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "a value of the documented type",
            _ when type == typeof(string) => "text (a JSON string of well-formed Unicode)",
            _ when type == typeof(DateOnly) => "a date as yyyy-mm-dd",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type.IsEnum => "one of " + string.Join(", ", EnumNames(type)),
            _ => "a value of the documented type",
        };
    }

    /// <summary>The names the wire uses (<c>[JsonStringEnumMemberName]</c>), not the C# ones.</summary>
    private static IEnumerable<string> EnumNames(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name.ToLowerInvariant());

    /// <summary>The reader's own words without its "LineNumber: … | BytePositionInLine: …" tail, which is said more plainly.</summary>
    private static string Unlocated(string message) => message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].Trim();

    // ASP.NET Core's words for a parameter that did not bind: 'Failed to bind parameter "Nullable<int> top" from "abc".'
    // and 'Required parameter "AskRequest request" was not provided from body.'
    [GeneratedRegex("""parameter "[^"]* (?<name>[^" ]+)" (?:from "(?<value>[^"]*)"|was not provided from (?<source>.+))""")]
    private static partial Regex BoundParameter();
}
