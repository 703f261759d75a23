using System.Reflection;
using System.Runtime.Loader;

namespace ArchPgtable.Abstractions.Tests;

/// <summary>
/// The ArchPgtable.PteTable.HooksSupported feature switch. PteTable reads it once, in its type initialiser, so the
/// switched-off table is loaded in a load context of its own (its own PteTable type and statics); this process's
/// PteTable is initialised first, so no other test can see the switch off. Stryker runs leave this class out
/// (<c>--test-case-filter "FullyQualifiedName!~PteTableHooksSwitchTests"</c>): a second copy of the assembly under test
/// spoils its coverage capture.
/// </summary>
public sealed class PteTableHooksSwitchTests
{
    [Fact]
    public void Hooks_are_supported_by_default()
    {
        Assert.True(PteTable.HooksSupported);
        Assert.Equal("ArchPgtable.PteTable.HooksSupported", PteTable.HooksSupportedSwitch);
    }

    [Fact]
    public void Switched_off_a_table_reads_and_writes_and_refuses_every_hook_by_name()
    {
        var off = LoadWithHooksOff();
        var tableType = off.GetType(typeof(PteTable).FullName!, throwOnError: true)!;
        var pteType = off.GetType(typeof(Pte).FullName!, throwOnError: true)!;
        var countersType = off.GetType(typeof(CostCounters).FullName!, throwOnError: true)!;
        var observerType = off.GetType(typeof(IPteAccessObserver).FullName!, throwOnError: true)!;
        Assert.False((bool)tableType.GetProperty(nameof(PteTable.HooksSupported))!.GetValue(null)!);

        var target = Activator.CreateInstance(tableType, 16, null, 0UL)!;
        dynamic table = target;
        table.Write(15, (dynamic)Activator.CreateInstance(pteType, 0x42UL)!);
        Assert.Equal(0x42UL, (ulong)table.Read(15).Value);
        Assert.True((bool)table.NothingAttached);

        table.Counters = null;
        table.Observer = null;
        var counters = Activator.CreateInstance(countersType)!;
        foreach (var (hook, value) in new[] { (nameof(PteTable.Counters), counters), (nameof(PteTable.Observer), DispatchProxy.Create(observerType, typeof(NoObserver))) })
        {
            var ex = Assert.Throws<TargetInvocationException>(() => tableType.GetProperty(hook)!.SetValue(target, value));
            var refused = Assert.IsType<NotSupportedException>(ex.InnerException);
            Assert.Contains("ArchPgtable.PteTable.HooksSupported", refused.Message, StringComparison.Ordinal);
        }

        var viaConstructor = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(tableType, 16, counters, 0UL));
        Assert.IsType<NotSupportedException>(viaConstructor.InnerException);
        Assert.True((bool)table.NothingAttached);
    }

    /// <summary>An observer that does nothing, made for the switched-off context's own observer interface.</summary>
    public class NoObserver : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => null;
    }

    private static Assembly LoadWithHooksOff()
    {
        // This process's PteTable reads the switch (as on) before the switch is turned off.
        Assert.True(PteTable.HooksSupported);
        var path = typeof(PteTable).Assembly.Location;
        var context = new AssemblyLoadContext("hooks off");
        var assembly = context.LoadFromAssemblyPath(path);
        AppContext.SetSwitch(PteTable.HooksSupportedSwitch, false);
        try
        {
            // Runs that PteTable's type initialiser while the switch is off.
            _ = assembly.GetType(typeof(PteTable).FullName!, throwOnError: true)!.GetProperty(nameof(PteTable.HooksSupported))!.GetValue(null);
        }
        finally
        {
            AppContext.SetSwitch(PteTable.HooksSupportedSwitch, true);
        }

        return assembly;
    }
}
