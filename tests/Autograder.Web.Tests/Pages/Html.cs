using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Autograder.Web.Tests.Pages;

/// <summary>A page read with AngleSharp, and its forms posted back with their antiforgery token, as a browser would.</summary>
public sealed record Html(HttpResponseMessage Response, IDocument Document)
{
    public static async Task<Html> GetAsync(HttpClient client, string url) => await ReadAsync(await client.GetAsync(url));

    public static async Task<Html> ReadAsync(HttpResponseMessage response)
    {
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(r => r.Content(response.Content.ReadAsStream()));
        return new Html(response, document);
    }

    /// <summary>Posts the form matched by <paramref name="selector"/> with its hidden fields (the antiforgery token among them) and <paramref name="fields"/>.</summary>
    public async Task<Html> PostFormAsync(HttpClient client, string selector, Dictionary<string, string> fields)
    {
        var form = Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new Xunit.Sdk.XunitException($"no form '{selector}' in {Document.Body?.TextContent}");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Where(i => i.Name is not null).ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (k, v) in fields) values[k] = v;
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : Response.RequestMessage!.RequestUri!.PathAndQuery;
        return await ReadAsync(await client.PostAsync(action, new FormUrlEncodedContent(values)));
    }
}
