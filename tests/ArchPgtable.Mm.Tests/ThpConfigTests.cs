using ArchPgtable.Arm64;
using ArchPgtable.Generic;

namespace ArchPgtable.Mm.Tests;

/// <summary>CONFIG_TRANSPARENT_HUGEPAGE=n maps no large anonymous folio, whatever the mTHP policy enables.</summary>
public sealed class ThpConfigTests
{
    [Theory]
    [InlineData("y", 4)]
    [InlineData("n", 0)]
    public void The_anon_fault_maps_large_folios_only_with_thp(string thp, int expectedOrder)
    {
        var arch = Machines.Resolve(new Arm64ArchPlugin(), $"{CommonKconfig.TransparentHugepage}={thp}");
        var (sys, mm) = Machines.Create(arch, 1 << 20, folioOrder: 4);

        Machines.WriteAll(sys, mm, Machines.Base, 1 << 20);

        for (var va = Machines.Base; va < Machines.Base + (1 << 20); va += arch.Geometry.PageSize)
        {
            var pfn = arch.Format.Pfn(Machines.Get(sys, mm, va));
            Assert.Equal(expectedOrder, sys.Memory.OrderOf(pfn));
        }
    }
}
