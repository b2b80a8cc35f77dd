using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Formation.Web.Tests.Support;

/// <summary>One browser: a cookie jar and the requests a person makes with it, forms included.</summary>
public sealed partial class WebSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public async Task<Reply> GetAsync(string url, string? bearerToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return await SendAsync(request);
    }

    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var response = await Client.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    /// <summary>GETs a page and returns the antiforgery token of its forms (any form's token is good for this session).</summary>
    public async Task<string> AntiforgeryTokenAsync(string pageUrl)
    {
        var page = await GetAsync(pageUrl);
        page.Status.ShouldBe(HttpStatusCode.OK, $"GET {pageUrl} to read a form");
        return page.AntiforgeryToken ?? throw new ShouldAssertException($"GET {pageUrl} has no form with an antiforgery token.");
    }

    /// <summary>POSTs form fields as a browser would, with the antiforgery token read from <paramref name="formPage"/>.</summary>
    public async Task<Reply> SubmitAsync(string formPage, string url, params (string Name, string Value)[] fields) =>
        await PostFormAsync(url, await AntiforgeryTokenAsync(formPage), fields);

    /// <summary>POSTs form fields with exactly the given token (null: none), for antiforgery tests.</summary>
    public async Task<Reply> PostFormAsync(string url, string? antiforgeryToken, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (antiforgeryToken is not null)
        {
            all.Add(new("__RequestVerificationToken", antiforgeryToken));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(all) };
        return await SendAsync(request);
    }

    /// <summary>Uploads one file in a multipart form, with the token read from <paramref name="formPage"/>.</summary>
    public async Task<Reply> UploadAsync(string formPage, string url, string fieldName, string fileName, byte[] content)
    {
        var token = await AntiforgeryTokenAsync(formPage);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        form.Add(file, fieldName, fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        return await SendAsync(request);
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>A response read in full, with helpers to look into the page.</summary>
public sealed partial class Reply
{
    private Reply(HttpStatusCode status, string? location, string? mediaType, byte[] body, HttpResponseHeaders headers, HttpContentHeaders contentHeaders)
    {
        Status = status;
        Location = location;
        MediaType = mediaType;
        Body = body;
        Headers = headers;
        ContentHeaders = contentHeaders;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The redirect target as sent (relative or absolute).</summary>
    public string? Location { get; }

    /// <summary>The redirect target's path and query, whether the header was relative or absolute.</summary>
    public string? LocationPath => Location is null ? null
        : Uri.TryCreate(Location, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal) ? absolute.PathAndQuery : Location;

    public string? MediaType { get; }

    public byte[] Body { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders ContentHeaders { get; }

    /// <summary>The body as sent (Razor encodes non-ASCII characters as entities).</summary>
    public string Html => Encoding.UTF8.GetString(Body);

    /// <summary>The body with HTML entities decoded: what a reader sees, plus the markup.</summary>
    public string Text => WebUtility.HtmlDecode(Html);

    public string? AntiforgeryToken => TokenInput().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The text inside the first element with this data-testid, decoded; null when there is none.</summary>
    public string? TestId(string id)
    {
        var match = Regex.Match(Html, $"data-testid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;
    }

    /// <summary>How many elements carry this data-testid.</summary>
    public int CountTestId(string id) => Regex.Count(Html, $"data-testid=\"{Regex.Escape(id)}\"");

    /// <summary>The form posting to <paramref name="action"/> (as written in its action attribute), or null.</summary>
    public HtmlForm? Form(string action)
    {
        foreach (Match form in FormElement().Matches(Html))
        {
            var actionAttribute = ActionAttribute().Match(form.Groups[1].Value);
            if (actionAttribute.Success && WebUtility.HtmlDecode(actionAttribute.Groups[1].Value) == action)
            {
                var inputs = InputElement().Matches(form.Groups[2].Value)
                    .Select(i => (Name: NameAttribute().Match(i.Value), Value: ValueAttribute().Match(i.Value)))
                    .Where(i => i.Name.Success)
                    .GroupBy(i => WebUtility.HtmlDecode(i.Name.Groups[1].Value), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Value.Success ? WebUtility.HtmlDecode(g.First().Value.Groups[1].Value) : "", StringComparer.Ordinal);
                return new HtmlForm(action, inputs);
            }
        }

        return null;
    }

    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new Reply(response.StatusCode, response.Headers.Location?.OriginalString, response.Content.Headers.ContentType?.MediaType, body, response.Headers, response.Content.Headers);
    }

    public override string ToString() => $"{(int)Status} {MediaType} {Location}{Environment.NewLine}{(Text.Length > 4000 ? Text[..4000] : Text)}";

    [GeneratedRegex("<form\\b([^>]*)>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("\\baction=\"([^\"]*)\"")]
    private static partial Regex ActionAttribute();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputElement();

    [GeneratedRegex("\\bname=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

/// <summary>A form of a page: where it posts and the values of its inputs.</summary>
public sealed record HtmlForm(string Action, IReadOnlyDictionary<string, string> Inputs)
{
    public string? AntiforgeryToken => Inputs.TryGetValue("__RequestVerificationToken", out var token) ? token : null;
}
