using System.Net;
using System.Net.Http.Headers;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Features.Data;

/// <summary>The import steps as a browser takes them: upload, choose a mapping, preview, correct, commit, wait.</summary>
internal static class ImportFlows
{
    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "imports", name));

    public static string ImportsPage(Guid org) => $"/o/{org}/data/imports";

    public static string MapPage(Guid org, string id) => $"/o/{org}/data/imports/{id}";

    public static string PreviewPage(Guid org, string id) => $"/o/{org}/data/imports/{id}/preview";

    public static string ProgressPage(Guid org, string id) => $"/o/{org}/data/imports/{id}/progress";

    /// <summary>Posts the upload form with one file, as the form (or its script) does.</summary>
    public static async Task<Reply> UploadAsync(this WebSession session, Guid org, string fileName, byte[] content)
    {
        var token = await session.AntiforgeryTokenAsync(ImportsPage(org));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ImportsPage(org)}?handler=Upload") { Content = form };
        return await session.SendAsync(request);
    }

    /// <summary>Uploads a file and returns its staging id (from the redirect to the mapping step).</summary>
    public static async Task<string> StageAsync(this WebSession session, Guid org, string fileName, byte[] content)
    {
        var reply = await session.UploadAsync(org, fileName, content);
        reply.Status.ShouldBe(HttpStatusCode.Redirect, reply.ToString());
        var prefix = MapPage(org, "");
        reply.LocationPath.ShouldStartWith(prefix);
        return reply.LocationPath![prefix.Length..];
    }

    public static Task<Reply> UseMappingAsync(this WebSession session, Guid org, string id, string mapping) =>
        session.SubmitAsync(MapPage(org, id), $"{MapPage(org, id)}?handler=Use", ("mapping", mapping));

    /// <summary>Uploads a fixture and chooses its mapping; returns the staging id.</summary>
    public static async Task<string> StageWithMappingAsync(this WebSession session, Guid org, string fixture, string mapping)
    {
        var id = await session.StageAsync(org, fixture, Fixture(fixture));
        var used = await session.UseMappingAsync(org, id, mapping);
        used.Status.ShouldBe(HttpStatusCode.Redirect, used.ToString());
        used.LocationPath.ShouldBe(PreviewPage(org, id));
        return id;
    }

    public static Task<Reply> FixAsync(this WebSession session, Guid org, string id, params (string Name, string Value)[] fields) =>
        session.SubmitAsync(PreviewPage(org, id), $"{PreviewPage(org, id)}?handler=Fix", fields);

    public static Task<Reply> CommitAsync(this WebSession session, Guid org, string id) =>
        session.SubmitAsync(PreviewPage(org, id), $"{PreviewPage(org, id)}?handler=Commit");

    /// <summary>Polls the progress panel as the page does until the commit has ended; returns the last panel.</summary>
    public static async Task<Reply> WaitForCommitAsync(this WebSession session, Guid org, string id)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await session.GetAsync($"{ProgressPage(org, id)}?handler=Status");
            status.Status.ShouldBe(HttpStatusCode.OK, status.ToString());
            if (!status.Html.Contains("hx-trigger", StringComparison.Ordinal))
            {
                return status;
            }

            await Task.Delay(50);
        }

        throw new ShouldAssertException("The import did not finish within 30 seconds.");
    }

    /// <summary>Commits and waits; the result panel must say it was imported.</summary>
    public static async Task<Reply> CommitAndWaitAsync(this WebSession session, Guid org, string id)
    {
        var commit = await session.CommitAsync(org, id);
        commit.Status.ShouldBe(HttpStatusCode.Redirect, commit.ToString());
        commit.LocationPath.ShouldBe(ProgressPage(org, id));
        var done = await session.WaitForCommitAsync(org, id);
        done.Html.ShouldContain("id=\"import-result\"", customMessage: done.ToString());
        return done;
    }
}
