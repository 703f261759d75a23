namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>The two young/dirty clearing helpers the scenarios are run against.</summary>
public static class CydpHelper
{
    public const string ClearYoungDirty = "clear_young_dirty_ptes";
    public const string MkoldClean = "mkold_clean_ptes";

    /// <summary>Runs <paramref name="helper"/> (one of the names above) on the range.</summary>
    public static void Run(string helper, World w, ScenarioRange r)
    {
        switch (helper)
        {
            case ClearYoungDirty:
                w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(r.Start), w.P(r.Start), r.Nr, CydpFlags.Young | CydpFlags.Dirty);
                break;
            case MkoldClean:
                w.Ops.MkoldCleanPtes(w.Mm, w.Addr(r.Start), w.P(r.Start), r.Nr);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(helper), helper, null);
        }
    }
}
