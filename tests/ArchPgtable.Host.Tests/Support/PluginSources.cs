namespace ArchPgtable.Host.Tests.Support;

/// <summary>The C# source of the plugins the tests build.</summary>
internal static class PluginSources
{
    /// <summary>The name the good plugin gives its clear_young_dirty_ptes override.</summary>
    public const string OverrideImpl = "testarch_clear_young_dirty_ptes";

    /// <summary>A tiny PTE format and a GenericPageTableOps subclass overriding clear_young_dirty_ptes.</summary>
    internal const string ArchBody = """
        internal sealed class TinyFormat : IPteFormat
        {
            private const ulong P = 1, W = 2, Y = 4, D = 8, PfnMask = ~0xfffUL;
            public bool Present(Pte pte) => (pte.Value & P) != 0;
            public bool Young(Pte pte) => (pte.Value & Y) != 0;
            public bool Dirty(Pte pte) => (pte.Value & D) != 0;
            public bool Write(Pte pte) => (pte.Value & W) != 0;
            public ulong Pfn(Pte pte) => (pte.Value & PfnMask) >> 12;
            public PteProt Pgprot(Pte pte) => new(pte.Value & ~PfnMask);
            public Pte PfnPte(ulong pfn, PteProt prot) => new((pfn << 12) | prot.Value);
            public Pte AdvancePfn(Pte pte, int nr) => new(pte.Value + ((ulong)(long)nr << 12));
            public Pte MkOld(Pte pte) => new(pte.Value & ~Y);
            public Pte MkYoung(Pte pte) => new(pte.Value | Y);
            public Pte MkClean(Pte pte) => new(pte.Value & ~D);
            public Pte MkDirty(Pte pte) => new(pte.Value | D);
            public Pte WrProtect(Pte pte) => new(pte.Value & ~W);
            public Pte MkWrite(Pte pte) => new(pte.Value | W);
            public PteProt ProtFor(VmFlags flags) => new(P);
            public string Describe(Pte pte) => pte.ToString();
        }

        internal sealed class TinyOps : GenericPageTableOps
        {
            public TinyOps(IPteFormat format, ArchGeometry geometry) : base(format, geometry) { }

            [KernelHelper("testarch_clear_young_dirty_ptes")]
            protected override void ClearYoungDirtyPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags) =>
                base.ClearYoungDirtyPtesCore(vma, addr, ptep, nr, flags);
        }
        """;

    /// <summary>
    /// A working plugin for <paramref name="arch"/>: Kconfig CONFIG_TRANSPARENT_HUGEPAGE (y),
    /// CONFIG_TESTARCH_FAST (y, depends on THP) and CONFIG_TESTARCH_LEVEL (int 3). With
    /// <paramref name="useHelpers"/> its description comes from the TestArch.Helpers dependency.
    /// </summary>
    public static string GoodPlugin(string arch, string version = "1.2.0.0", bool useHelpers = false) => $$"""
        using System.Collections.Generic;
        using ArchPgtable;
        using ArchPgtable.Generic;
        using ArchPgtable.Kconfig;
        using ArchPgtable.Plugins;

        [assembly: System.Reflection.AssemblyVersion("{{version}}")]

        namespace TestPlugins;

        [ArchPlugin("{{arch}}", Description = "Test architecture {{arch}}")]
        public sealed class TestArchPlugin : IArchPlugin
        {
            public string Arch => "{{arch}}";

            public IReadOnlyList<KconfigSymbol> Kconfig { get; } = new[]
            {
                KconfigSymbol.Bool("CONFIG_TRANSPARENT_HUGEPAGE", true, "thp"),
                KconfigSymbol.Bool("CONFIG_TESTARCH_FAST", true, "fast path", "CONFIG_TRANSPARENT_HUGEPAGE"),
                KconfigSymbol.Int("CONFIG_TESTARCH_LEVEL", 3, "levels"),
            };

            public ArchInstance Build(EffectiveConfig config)
            {
                var geometry = new ArchGeometry(12, 48, 1);
                var format = new TinyFormat();
                return new ArchInstance
                {
                    Arch = "{{arch}}",
                    Config = config,
                    Geometry = geometry,
                    Format = format,
                    Ops = new TinyOps(format, geometry),
                    Hardware = ArchPgtable.Generic.GenericHardwareModel.Instance,
                    Description = {{(useHelpers ? "TestHelpers.Names.Describe(\"" + arch + "\")" : "\"" + arch + ", tiny\"")}},
                };
            }
        }

        {{ArchBody}}
        """;

    /// <summary>A dependency with no export: TestHelpers.Names.</summary>
    public const string Helpers = """
        namespace TestHelpers;

        public static class Names
        {
            public static string Describe(string arch) => arch + ", described by a dependency";
        }
        """;

    /// <summary>An export whose constructor throws.</summary>
    public const string Throwing = """
        using System;
        using System.Collections.Generic;
        using ArchPgtable.Kconfig;
        using ArchPgtable.Plugins;

        namespace TestPlugins;

        [ArchPlugin("throwing")]
        public sealed class ThrowingPlugin : IArchPlugin
        {
            public ThrowingPlugin() => throw new InvalidOperationException("constructor exploded");
            public string Arch => "throwing";
            public IReadOnlyList<KconfigSymbol> Kconfig => new KconfigSymbol[0];
            public ArchInstance Build(EffectiveConfig config) => throw new NotSupportedException();
        }
        """;

    /// <summary>A base plugin class in its own assembly (TestBase), to be left out so that a subclass cannot load.</summary>
    public const string Base = """
        using System.Collections.Generic;
        using ArchPgtable.Kconfig;
        using ArchPgtable.Plugins;

        namespace TestBase;

        public abstract class PluginBase : IArchPlugin
        {
            public abstract string Arch { get; }
            public IReadOnlyList<KconfigSymbol> Kconfig => new KconfigSymbol[0];
            public ArchInstance Build(EffectiveConfig config) => throw new System.NotSupportedException();
        }
        """;

    /// <summary>An export deriving from TestBase.PluginBase.</summary>
    public const string NeedsBase = """
        using ArchPgtable.Plugins;

        namespace TestPlugins;

        [ArchPlugin("needsbase")]
        public sealed class NeedsBasePlugin : TestBase.PluginBase
        {
            public override string Arch => "needsbase";
        }
        """;

    /// <summary>A library that uses the contract but exports nothing.</summary>
    public const string NoExport = """
        namespace TestPlugins;

        public static class JustALibrary
        {
            public static ArchPgtable.Pte Zero => ArchPgtable.Pte.None;
        }
        """;

    /// <summary>A stub ArchPgtable.Abstractions 9.0 with a look-alike IArchPlugin and ArchPluginAttribute.</summary>
    public const string FutureAbstractions = """
        using System;
        using System.Composition;

        [assembly: System.Reflection.AssemblyVersion("9.0.0.0")]

        namespace ArchPgtable.Plugins
        {
            public interface IArchPlugin
            {
                string Arch { get; }
                string Greeting { get; }
            }

            [MetadataAttribute]
            [AttributeUsage(AttributeTargets.Class)]
            public sealed class ArchPluginAttribute : ExportAttribute
            {
                public ArchPluginAttribute(string arch) : base(typeof(IArchPlugin)) => Arch = arch;
                public string Arch { get; }
            }
        }
        """;

    /// <summary>A plugin for arch <c>future</c> built against <see cref="FutureAbstractions"/>.</summary>
    public const string FuturePlugin = """
        using ArchPgtable.Plugins;

        namespace TestPlugins;

        [ArchPlugin("future")]
        public sealed class FuturePlugin : IArchPlugin
        {
            public string Arch => "future";
            public string Greeting => "from the future";
        }
        """;
}
