using ArchPgtable.Generic;
using ArchPgtable.Kconfig;

namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>Resolved arm64 configurations, as the host would hand them to the plugin.</summary>
public static class TestConfigs
{
    public static EffectiveConfig For(Arm64Granule granule, bool contPte = true, bool thp = true, bool debugVm = true)
    {
        var values = new Dictionary<string, string>
        {
            [Arm64Kconfig.Pages4K] = "n",
            [Arm64Kconfig.Pages16K] = "n",
            [Arm64Kconfig.Pages64K] = "n",
            [Arm64Kconfig.VaBits] = "48",
            [Arm64Kconfig.ContPte] = contPte ? "y" : "n",
            [Arm64Kconfig.HwAfdbm] = "y",
            [CommonKconfig.TransparentHugepage] = thp ? "y" : "n",
            [CommonKconfig.DebugVm] = debugVm ? "y" : "n",
        };
        values[granule.KconfigSymbol()] = "y";
        return new EffectiveConfig(Arm64ArchPlugin.ArchName, values);
    }

    public static EffectiveConfig With(EffectiveConfig config, params (string Symbol, string Value)[] changes)
    {
        var values = new Dictionary<string, string>(config.Values);
        foreach (var (symbol, value) in changes)
        {
            values[symbol] = value;
        }

        return new EffectiveConfig(config.Arch, values);
    }
}
