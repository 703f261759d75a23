namespace ArchPgtable.Host.Tests.Support;

/// <summary>
/// The C# source of a third-party plugin, <c>arm64-v4</c>: the real arm64 build with the lazyfree v4
/// <c>mkold_clean_ptes</c> override of the seed review (both bugs), compiled by the tests against the
/// shipped arm64 plugin assembly.
/// </summary>
internal static class V4PluginSource
{
    public const string Arch = "arm64-v4";

    public static readonly string Source = Arm64DerivedPlugin.Source("V4Plugin", Arch, "arm64 with the lazyfree v4 mkold_clean_ptes override",
        "lazyfree v4 mkold_clean_ptes", "V4Ops", OpsSource, withMachines: false);

    private const string OpsSource = """
        public sealed class V4Ops : Arm64ContPteOps
        {
            public V4Ops(Arm64Granule granule) : base(granule) { }

            [KernelHelper("contpte_ptep_mkold_clean")]
            protected override void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
            {
                if (!Arm64Pte.ValidCont(Arm64RawPtes.PtepGet(ptep)))
                {
                    Clean(ptep, nr);
                    return;
                }

                Clean(ptep.AlignDown(Geometry.ContPtes), Geometry.ContPtes);
            }

            private static void Clean(PtePointer ptep, int nr)
            {
                for (var i = 0; i < nr; i++)
                {
                    var p = ptep + i;
                    var pte = p.Read();
                    for (; ; )
                    {
                        var found = p.CompareExchange(Arm64Pte.MkClean(Arm64Pte.MkOld(pte)), pte);
                        if (found == pte)
                        {
                            break;
                        }

                        pte = found;
                    }
                }
            }
        }
        """;
}
