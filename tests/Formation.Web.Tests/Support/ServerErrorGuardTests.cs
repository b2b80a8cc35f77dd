using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Formation.Web.Tests.Support;

/// <summary>The guard every test client carries must really fail a request during which the app logged an error.</summary>
[Collection(SharedWebApp.Name)]
public sealed partial class ServerErrorGuardTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Guard_AppLoggedAnError_FailsTheNextRequest()
    {
        var app = await fixture.GetAsync("sqlite");
        using var browser = app.Factory.NewSession();
        LogBoom(app.Factory.Services.GetRequiredService<ILogger<ServerErrorGuardTests>>());

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => browser.GetAsync("/health"));

        failure.Message.ShouldContain("the app logged an error");
        failure.Message.ShouldContain("boom");
        (await browser.GetAsync("/health")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "boom")]
    private static partial void LogBoom(ILogger logger);
}
