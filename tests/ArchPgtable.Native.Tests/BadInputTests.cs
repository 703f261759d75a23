using ArchPgtable.Arm64;

namespace ArchPgtable.Native.Tests;

/// <summary>Bad trees and patches give one clear line naming what is wrong (the host turns it into exit 2).</summary>
public sealed class BadInputTests
{
    [Fact]
    public void A_missing_tree_is_named()
    {
        var e = Assert.Throws<NativeBuildException>(() => NativeTree.Native(tree: "/nonexistent/linux"));
        Assert.Equal("NativeArchOptions.KernelTree /nonexistent/linux: no such directory or tarball.", e.Message);
    }

    [Fact]
    public void A_directory_without_a_makefile_is_not_a_kernel_tree()
    {
        var dir = Directory.CreateTempSubdirectory("archpgtable-notree").FullName;
        try
        {
            var e = Assert.Throws<NativeBuildException>(() => NativeTree.Native(tree: dir));
            Assert.Contains("no top-level Makefile; not a Linux source tree", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_tarball_that_is_not_a_kernel_tree_is_named()
    {
        var dir = Directory.CreateTempSubdirectory("archpgtable-tar").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "src", "notlinux"));
            File.WriteAllText(Path.Combine(dir, "src", "notlinux", "README"), "hello\n");
            var tarball = Path.Combine(dir, "notlinux.tar.gz");
            using (var p = System.Diagnostics.Process.Start("tar", ["-czf", tarball, "-C", Path.Combine(dir, "src"), "notlinux"]))
            {
                p.WaitForExit();
            }

            var e = Assert.Throws<NativeBuildException>(() =>
                NativeArch.Compose(NativeTree.Model(), new NativeArchOptions { KernelTree = tarball, CacheDirectory = Path.Combine(dir, "cache") }));
            Assert.StartsWith($"NativeArchOptions.KernelTree {tarball}: not a Linux source tarball (", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_tree_lacking_a_file_names_the_file_and_the_version()
    {
        var dir = Directory.CreateTempSubdirectory("archpgtable-tree").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "Makefile"), "VERSION = 6\nPATCHLEVEL = 99\nSUBLEVEL = 1\nEXTRAVERSION = -rc2\n");
            var e = Assert.Throws<NativeBuildException>(() => NativeTree.Native(tree: dir));
            Assert.Equal($"Linux 6.99.1-rc2 ({dir}) has no arch/arm64/include/asm/pgtable-types.h, which the native helpers need.", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_missing_function_names_the_function_file_and_version()
    {
        var e = Assert.Throws<NativeBuildException>(() => NativeTree.Native(patch: NativeTree.TestData("missing-function.patch")));
        Assert.StartsWith("Linux 6.12.", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("arch/arm64/mm/contpte.c does not define contpte_wrprotect_ptes, which the native helpers need.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_that_does_not_apply_says_which_file_and_hunk()
    {
        var e = Assert.Throws<NativeBuildException>(() => NativeTree.Native(patch: NativeTree.TestData("does-not-apply.patch")));
        Assert.Contains("does-not-apply.patch does not apply to Linux 6.12.", e.Message, StringComparison.Ordinal);
        Assert.Contains("arch/arm64/mm/contpte.c", e.Message, StringComparison.Ordinal);
        Assert.Contains("FAILED", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_patch_file_is_named()
    {
        var e = Assert.Throws<NativeBuildException>(() => NativeTree.Native(patch: "/nonexistent.patch"));
        Assert.Equal("NativeArchOptions.Patch /nonexistent.patch: no such file.", e.Message);
    }

    [Fact]
    public void A_compile_error_names_the_kernel_file_line_and_the_first_error()
    {
        var e = Assert.Throws<NativeBuildException>(() => NativeTree.Native(patch: NativeTree.TestData("compile-error.patch")));
        Assert.Matches(@"^compiling Linux 6\.12\.\d+ \(.*\) with NativeArchOptions\.Patch .*compile-error\.patch failed: arch/arm64/mm/contpte\.c:\d+: .*__clear_young_dirty_ptes_typo", e.Message);
    }

    [Fact]
    public void An_arch_without_native_helpers_is_refused()
    {
        var generic = new Generic.GenericArchPlugin().Build(new Kconfig.EffectiveConfig("generic", new Dictionary<string, string>()));
        var e = Assert.Throws<NativeBuildException>(() =>
            NativeArch.Compose(generic, new NativeArchOptions { KernelTree = NativeTree.Path, CacheDirectory = NativeTree.Cache }));
        Assert.Equal("NativeArchOptions.KernelTree: no native helpers for arch 'generic' (available: arm64, riscv64, x86_64).", e.Message);
    }

    [Fact]
    public void The_native_build_reports_where_each_helper_came_from()
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K);
        var info = NativeArch.BuildInfoOf(arch.Ops)!;
        Assert.StartsWith("6.12.", info.KernelVersion, StringComparison.Ordinal);
        var cydp = info.Helpers.Single(h => h.Helper == "clear_young_dirty_ptes");
        Assert.Equal("arch/arm64/include/asm/pgtable.h", cydp.File);
        Assert.True(cydp.Line > 1000);
        Assert.Null(NativeArch.BuildInfoOf(NativeTree.Model().Ops));
    }
}
