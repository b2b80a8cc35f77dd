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

    /// <summary>No such organisation, member or task (<c>tasks</c>, <c>report</c>).</summary>
    public const int NotFound = 3;

    /// <summary>The organisation has no accepted plan yet (<c>tasks add</c>, <c>report weekly</c>).</summary>
    public const int NoPlan = 4;

    /// <summary>The acting member's role or posts do not allow the change (<c>tasks add</c>, <c>tasks done</c>).</summary>
    public const int Forbidden = 5;

    /// <summary>Someone changed the task at the same moment (<c>tasks done</c>); running it again is safe.</summary>
    public const int Conflict = 6;

    /// <summary>Something went wrong that is not the input's fault; the message says what.</summary>
    public const int InternalError = 70;

    /// <summary>Stopped with Ctrl-C.</summary>
    public const int Cancelled = 130;
}
