using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Formation.Domain.Text;

/// <summary>
/// An organisation's time zone (an IANA id such as <c>Asia/Shanghai</c>) decides its "today": when a task is due or
/// overdue, which month the dashboard opens on, how far a goal's period has run, which week a report covers. Instants
/// are stored in UTC; only the calendar day they fall on depends on the zone.
/// </summary>
public static class TimeZones
{
    /// <summary>The zone of organisations that name none.</summary>
    public const string Utc = "UTC";

    /// <summary>Longest id accepted (the database column's length).</summary>
    public const int MaxIdLength = 64;

    private static readonly ConcurrentDictionary<string, TimeZoneInfo> s_found = new(StringComparer.Ordinal);

    // China has kept UTC+8 without daylight saving since 1991, so its zones are known without the system's time zone
    // data (a slim container may lack the tzdata package).
    private static readonly TimeZoneInfo s_chinaStandardTime =
        TimeZoneInfo.CreateCustomTimeZone(ChinaZone, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    /// <summary>Zones offered first in pickers: where most organisations are, then the rest of the world by offset.</summary>
    public static IReadOnlyList<string> Common { get; } =
    [
        "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Macau", "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul",
        "Asia/Bangkok", "Asia/Kolkata", "Asia/Dubai", "Europe/London", "Europe/Berlin", "Europe/Moscow",
        "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "Australia/Sydney", Utc,
    ];

    /// <summary>The zone a new organisation gets: the one typed (<see cref="Canonical"/>), else its currency's (<see cref="DefaultFor"/>).</summary>
    public static string ForNew(string? typed, string? currency) => Canonical(typed) ?? DefaultFor(currency);

    /// <summary>The zone an organisation trading in <paramref name="currency"/> most likely keeps; UTC when the currency spans several.</summary>
    public static string DefaultFor(string? currency) => currency?.Trim().ToUpperInvariant() switch
    {
        "CNY" => "Asia/Shanghai",
        "HKD" => "Asia/Hong_Kong",
        "MOP" => "Asia/Macau",
        "TWD" => "Asia/Taipei",
        "SGD" => "Asia/Singapore",
        "JPY" => "Asia/Tokyo",
        "KRW" => "Asia/Seoul",
        "THB" => "Asia/Bangkok",
        "INR" => "Asia/Kolkata",
        "AED" => "Asia/Dubai",
        "GBP" => "Europe/London",
        _ => Utc,
    };

    // Names people type for the zones most organisations are in, which are not IANA ids ("Asia/Beijing" is not one).
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Asia/Beijing"] = "Asia/Shanghai", ["Beijing"] = "Asia/Shanghai", ["北京"] = "Asia/Shanghai", ["北京时间"] = "Asia/Shanghai",
        ["China"] = "Asia/Shanghai", ["中国"] = "Asia/Shanghai", ["Shanghai"] = "Asia/Shanghai", ["上海"] = "Asia/Shanghai",
        ["Hong Kong"] = "Asia/Hong_Kong", ["Hongkong"] = "Asia/Hong_Kong", ["香港"] = "Asia/Hong_Kong",
        ["Taipei"] = "Asia/Taipei", ["台北"] = "Asia/Taipei", ["Macau"] = "Asia/Macau", ["澳门"] = "Asia/Macau",
        ["Singapore"] = "Asia/Singapore", ["新加坡"] = "Asia/Singapore", ["Tokyo"] = "Asia/Tokyo", ["东京"] = "Asia/Tokyo",
        ["Seoul"] = "Asia/Seoul", ["首尔"] = "Asia/Seoul",
        ["Asia/Chongqing"] = "Asia/Shanghai", ["Asia/Chungking"] = "Asia/Shanghai", ["Asia/Harbin"] = "Asia/Shanghai", ["PRC"] = "Asia/Shanghai",
    };

    // Former names of zones, as the time zone database keeps them for old data and as Windows' mapping still gives them.
    private static readonly Dictionary<string, string> s_renamed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Asia/Calcutta"] = "Asia/Kolkata", ["Asia/Saigon"] = "Asia/Ho_Chi_Minh", ["Asia/Katmandu"] = "Asia/Kathmandu",
        ["Asia/Rangoon"] = "Asia/Yangon", ["Asia/Macao"] = "Asia/Macau", ["Europe/Kiev"] = "Europe/Kyiv",
        ["America/Buenos_Aires"] = "America/Argentina/Buenos_Aires", ["US/Eastern"] = "America/New_York",
        ["US/Central"] = "America/Chicago", ["US/Mountain"] = "America/Denver", ["US/Pacific"] = "America/Los_Angeles",
        ["GB"] = "Europe/London", ["Japan"] = "Asia/Tokyo", ["ROK"] = "Asia/Seoul", ["ROC"] = "Asia/Taipei",
        ["Singapore"] = "Asia/Singapore", ["Hongkong"] = "Asia/Hong_Kong", ["GMT"] = Utc, ["Etc/GMT"] = Utc, ["Etc/UTC"] = Utc,
    };

    /// <summary>
    /// True when <paramref name="id"/> is a zone id as stored: <see cref="Utc"/>, an IANA id from this machine's time
    /// zone database spelt as it spells it, or China's zone (known without the database).
    /// </summary>
    public static bool IsKnown([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && (id == Utc || id == ChinaZone || s_systemIds.Value.TryGetValue(id, out var spelt) && spelt == id);

    /// <summary>
    /// The IANA id for what someone typed: an id in any letter case, a former name ("Asia/Calcutta"), a Windows name
    /// ("China Standard Time"), or a common name of a zone ("北京", "Beijing", "Hong Kong"); null when it names no zone
    /// known here. What it returns is <see cref="IsKnown"/>: an id this machine's time zone database lists (not
    /// "localtime", "posixrules" or a folder such as "Asia"), UTC, or China's.
    /// </summary>
    public static string? Canonical(string? input)
    {
        var text = input?.Trim();
        if (text is not { Length: > 0 and <= MaxIdLength })
        {
            return null;
        }

        if (s_aliases.TryGetValue(text, out var alias) || s_renamed.TryGetValue(text, out alias))
        {
            return Known(alias);
        }

        if (string.Equals(text, Utc, StringComparison.OrdinalIgnoreCase))
        {
            return Utc;
        }

        if (s_systemIds.Value.TryGetValue(text, out var id) || string.Equals(text, ChinaZone, StringComparison.OrdinalIgnoreCase))
        {
            return id ?? ChinaZone;
        }

        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(text, out var iana))
        {
            return s_renamed.TryGetValue(iana, out var current) ? Known(current) : Known(iana);
        }

        return null;
    }

    /// <summary>
    /// The zone called <paramref name="id"/>; for a name no longer listed (a zone the time zone database renamed), the
    /// zone it is now (<see cref="Canonical"/>); UTC when it is unknown here, so a day is never lost to a typo.
    /// </summary>
    public static TimeZoneInfo Resolve(string? id)
    {
        if (IsKnown(id))
        {
            return s_found.GetOrAdd(id, Load);
        }

        return Canonical(id) is { } current ? s_found.GetOrAdd(current, Load) : TimeZoneInfo.Utc;
    }

    /// <summary>The calendar day it is at <paramref name="now"/> in the zone <paramref name="zoneId"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, string? zoneId) => DateOnly.FromDateTime(LocalTime(now, zoneId));

    /// <summary>What a clock in the zone <paramref name="zoneId"/> reads at <paramref name="instant"/>.</summary>
    public static DateTime LocalTime(DateTimeOffset instant, string? zoneId) => TimeZoneInfo.ConvertTime(instant, Resolve(zoneId)).DateTime;

    /// <summary>The calendar day a UTC instant falls on in the zone <paramref name="zoneId"/>.</summary>
    public static DateOnly DayOf(DateTime utc, string? zoneId) =>
        Today(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zoneId);

    private const string ChinaZone = "Asia/Shanghai";

    private static string? Known(string id) =>
        IsKnown(id) ? id : s_systemIds.Value.TryGetValue(id, out var spelt) ? spelt : null;

    // Every id of the machine's time zone database, by its spelling in any letter case. Read once, unsorted (sorting
    // by display name costs the first call 0.7 s); names people type are looked up here, never as files, so what a
    // user types cannot grow a cache or probe the file system.
    private static readonly Lazy<Dictionary<string, string>> s_systemIds = new(() =>
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones(skipSorting: true))
        {
            ids.TryAdd(zone.Id, zone.Id);
        }

        return ids;
    });

    private static TimeZoneInfo Load(string id)
    {
        if (id == Utc)
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException or IOException or UnauthorizedAccessException)
        {
            return id == ChinaZone ? s_chinaStandardTime : TimeZoneInfo.Utc;
        }
    }
}
