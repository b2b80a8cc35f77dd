namespace Formation.Web.Infrastructure;

/// <summary>The system clock moved by a fixed offset (<see cref="FormationOptions.ClockOffsetDays"/>); timers run at normal speed.</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
