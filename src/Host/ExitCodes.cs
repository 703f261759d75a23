namespace ArchPgtable.Host;

/// <summary>The process exit codes of <c>archpgtable</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>A check the command ran failed (e.g. a contract property); the report says which.</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line, the configuration or the plugin set is not usable (invalid option, malformed
    /// config line, unknown arch, two plugins claiming one arch, …); one sentence on stderr says why.</summary>
    public const int UsageError = 2;
}
