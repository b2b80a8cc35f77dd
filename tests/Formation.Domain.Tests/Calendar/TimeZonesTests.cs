using Formation.Domain.Text;

namespace Formation.Domain.Tests.Calendar;

public class TimeZonesTests
{
    [Theory]
    [InlineData("2026-11-30T15:59:00Z", "Asia/Shanghai", "2026-11-30")]
    [InlineData("2026-11-30T16:00:00Z", "Asia/Shanghai", "2026-12-01")] // midnight in Beijing
    [InlineData("2026-11-30T23:59:00Z", "UTC", "2026-11-30")]
    [InlineData("2026-12-01T04:59:00Z", "America/New_York", "2026-11-30")] // EST, UTC-5
    [InlineData("2026-07-01T03:59:00Z", "America/New_York", "2026-06-30")] // EDT, UTC-4
    [InlineData("2026-07-01T04:00:00Z", "America/New_York", "2026-07-01")]
    [InlineData("2026-11-30T18:29:00Z", "Asia/Kolkata", "2026-11-30")] // UTC+5:30
    [InlineData("2026-11-30T18:30:00Z", "Asia/Kolkata", "2026-12-01")]
    public void Today_IsTheCalendarDayInTheZone(string instant, string zone, string expected) =>
        TimeZones.Today(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), zone)
            .ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void DayOf_ReadsAStoredUtcInstantInTheZone()
    {
        var stored = new DateTime(2026, 3, 1, 16, 30, 0, DateTimeKind.Unspecified); // as a database hands back a UTC timestamp

        TimeZones.DayOf(stored, "Asia/Shanghai").ShouldBe(new DateOnly(2026, 3, 2));
        TimeZones.DayOf(stored, "UTC").ShouldBe(new DateOnly(2026, 3, 1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Asia/Shanghai; DROP TABLE organizations")]
    [InlineData("Asia")]
    public void UnknownZones_AreRefusedAndReadAsUtc(string? zone)
    {
        TimeZones.IsKnown(zone).ShouldBeFalse();
        TimeZones.Resolve(zone).ShouldBe(TimeZoneInfo.Utc);
        TimeZones.Today(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), zone).ShouldBe(new DateOnly(2026, 11, 30));
    }

    [Theory]
    [InlineData("asia/shanghai")] // stored ids are spelt as the database spells them
    [InlineData("China Standard Time")]
    public void NamesNotAsStored_AreNotKnownButStillReadAsTheZoneTheyName(string zone)
    {
        TimeZones.IsKnown(zone).ShouldBeFalse();
        TimeZones.Today(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), zone).ShouldBe(new DateOnly(2026, 12, 1));
    }

    [Theory]
    [InlineData("CNY", "Asia/Shanghai")]
    [InlineData("cny", "Asia/Shanghai")]
    [InlineData("HKD", "Asia/Hong_Kong")]
    [InlineData("JPY", "Asia/Tokyo")]
    [InlineData("USD", "UTC")] // several zones: the owner picks one
    [InlineData("EUR", "UTC")]
    [InlineData(null, "UTC")]
    public void DefaultFor_IsTheCurrencysOnlyZone(string? currency, string zone) => TimeZones.DefaultFor(currency).ShouldBe(zone);

    [Theory]
    [InlineData("Asia/Shanghai", "Asia/Shanghai")]
    [InlineData(" asia/shanghai ", "Asia/Shanghai")]
    [InlineData("Asia/Beijing", "Asia/Shanghai")] // not an IANA id, but what people type
    [InlineData("北京", "Asia/Shanghai")]
    [InlineData("香港", "Asia/Hong_Kong")]
    [InlineData("europe/LONDON", "Europe/London")]
    [InlineData("utc", "UTC")]
    [InlineData("China Standard Time", "Asia/Shanghai")] // a Windows name
    [InlineData("India Standard Time", "Asia/Kolkata")] // Windows' mapping gives the former Asia/Calcutta
    [InlineData("Asia/Calcutta", "Asia/Kolkata")] // a former name
    [InlineData("europe/kiev", "Europe/Kyiv")]
    [InlineData("US/Eastern", "America/New_York")]
    [InlineData("GMT", "UTC")]
    [InlineData("Nowhere/City", null)]
    [InlineData("Asia", null)] // a folder of the time zone database, not a zone
    [InlineData("America", null)]
    [InlineData("localtime", null)] // the server's own setting, whatever it is
    [InlineData("posixrules", null)]
    [InlineData("../../etc/passwd", null)]
    [InlineData("", null)]
    public void Canonical_IsTheIanaIdOfWhatWasTyped(string input, string? expected) => TimeZones.Canonical(input).ShouldBe(expected);

    [Fact]
    public void Canonical_GivesOnlyKnownIds_AndResolvesAFormerNameStoredEarlier()
    {
        string[] typed = ["北京", "香港", "Tokyo", "Asia/Beijing", "PRC", "asia/shanghai", "Asia/Calcutta", "India Standard Time",
            "FLE Standard Time", "Nepal Standard Time", "Myanmar Standard Time", "Argentina Standard Time", "Pacific Standard Time", "GMT"];

        foreach (var text in typed)
        {
            var id = TimeZones.Canonical(text);
            id.ShouldNotBeNull(text);
            TimeZones.IsKnown(id).ShouldBeTrue($"{text} → {id}");
        }

        TimeZones.Resolve("Asia/Calcutta").BaseUtcOffset.ShouldBe(TimeSpan.FromHours(5.5));
    }

    [Fact]
    public void EveryZoneOffered_IsKnown() => TimeZones.Common.ShouldAllBe(zone => TimeZones.IsKnown(zone));
}
