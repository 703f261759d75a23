using System.Reflection;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Contracts.Running;

/// <summary>
/// Which implementation of a helper is in force, found by reflection so that Contracts needs no
/// reference to Generic: an ops type built on <c>ArchPgtable.Generic.GenericPageTableOps</c> keeps
/// the default when the most derived <c>…Core</c> member is still the one that class declares.
/// </summary>
/// <remarks>Kernel: whether the arch's asm/pgtable.h has <c>#define helper helper</c>.</remarks>
internal static class HelperImplementation
{
    private const string GenericOps = "ArchPgtable.Generic.GenericPageTableOps";

    /// <summary>True when <paramref name="ops"/> runs the pgtable.h default of <paramref name="member"/>.</summary>
    public static bool IsPgtableDefault(IPageTableOps ops, string member)
    {
        ArgumentNullException.ThrowIfNull(ops);
        ops = PageTableOpsDecorator.Unwrap(ops);
        var core = member switch
        {
            nameof(IPageTableOps.SetPteAt) => nameof(IPageTableOps.SetPtes),
            nameof(IPageTableOps.GetAndClearPtes) => nameof(IPageTableOps.GetAndClearFullPtes),
            nameof(IPageTableOps.ClearPtes) => nameof(IPageTableOps.ClearFullPtes),
            _ => member,
        } + "Core";
        var method = ops.GetType().GetMethod(core, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        return method?.DeclaringType?.FullName == GenericOps;
    }
}
