namespace Formation.Cli;

/// <summary>The exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>check</c>, no error finding.</summary>
    public const int Ok = 0;

    /// <summary><c>check</c> found at least one error finding.</summary>
    public const int Findings = 1;

    /// <summary>The input is invalid: a profile or playbook with errors, a missing file, a bad option.</summary>
    public const int InvalidInput = 2;

    /// <summary>Something went wrong that is not the input's fault; the message says what.</summary>
    public const int InternalError = 70;

    /// <summary>Stopped with Ctrl-C.</summary>
    public const int Cancelled = 130;
}
