using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Autograder.Web.Tests.Support;

internal static class Json
{
    public static async Task<JsonNode> ReadAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    /// <summary>The messages of a 400's problem for one request field.</summary>
    public static async Task<string> BadFieldAsync(this HttpResponseMessage response, string field)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync();
        var errors = problem["errors"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"no errors in {problem.ToJsonString()}");
        Assert.True(errors.ContainsKey(field), $"the errors name {string.Join(", ", errors.Select(e => e.Key))}, not {field}");
        return string.Join(" ", errors[field]!.AsArray().Select(m => (string?)m));
    }
}
