using System.Globalization;
using Formation.Web.Infrastructure;

namespace Formation.Web.Tests.Infrastructure;

/// <summary>Times on an organisation's pages read as its clock did, with the zone's offset then.</summary>
public sealed class UiDateTests
{
    [Theory]
    [InlineData("Asia/Shanghai", "12/01/2026 21:05 UTC+8")]
    [InlineData("Asia/Kolkata", "12/01/2026 18:35 UTC+5:30")]
    [InlineData("America/New_York", "12/01/2026 08:05 UTC-5")]
    [InlineData("UTC", "12/01/2026 13:05 UTC")]
    [InlineData("Nowhere/City", "12/01/2026 13:05 UTC")] // an unknown zone reads as UTC, and says so
    public void Date_InTheOrganisationsZone_ShowsItsClockAndOffset(string zone, string expected)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            Ui.Date(new DateTime(2026, 12, 1, 13, 5, 0, DateTimeKind.Unspecified), zone).ShouldBe(expected);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Date_InSummerInNewYork_HasTheDaylightOffset()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            Ui.Date(new DateTime(2026, 7, 1, 13, 5, 0, DateTimeKind.Utc), "America/New_York").ShouldBe("07/01/2026 09:05 UTC-4");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
