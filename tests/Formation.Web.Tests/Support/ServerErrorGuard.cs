using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Formation.Web.Tests.Support;

/// <summary>
/// Sits in every test client: a 500, an exception stack trace in a text body, or an error the app logged
/// while serving the request fails the test at once — the product promises a 4xx and a plain message instead.
/// </summary>
internal sealed partial class ServerErrorGuard(ConcurrentQueue<string> loggedErrors) : DelegatingHandler
{
    /// <summary>How .NET prints a stack frame; no page or API body may contain it.</summary>
    public const string StackTraceMarker = "   at ";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var what = $"{request.Method} {request.RequestUri?.PathAndQuery}";
        if (loggedErrors.TryDequeue(out var error))
        {
            throw new InvalidOperationException($"{what}: the app logged an error: {error}");
        }

        if (response.StatusCode >= HttpStatusCode.InternalServerError)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}.");
        }

        if (IsText(response.Content.Headers.ContentType?.MediaType))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            if (body.Contains(StackTraceMarker, StringComparison.Ordinal) || ExceptionName().IsMatch(body))
            {
                throw new InvalidOperationException($"{what} shows a stack trace or exception:{Environment.NewLine}{body}");
            }
        }

        return response;
    }

    [GeneratedRegex(@"\b(System|Microsoft|Npgsql|Formation)\.[\w.]*Exception\b")]
    private static partial Regex ExceptionName();

    private static bool IsText(string? mediaType) =>
        mediaType is not null &&
        (mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType.Contains("json", StringComparison.Ordinal) || mediaType.Contains("yaml", StringComparison.Ordinal));
}
