namespace ArchPgtable.Kconfig.Tests;

public class KernelConfigParseTests
{
    [Fact]
    public void Parses_a_good_file_with_comments_not_set_lines_strings_hex_and_arch()
    {
        const string text = """
            #
            # Automatically generated file; DO NOT EDIT.
            #
            ARCH=arm64

            CONFIG_TRANSPARENT_HUGEPAGE=y
            # CONFIG_ARM64_CONTPTE is not set
            #CONFIG_DEBUG_VM is not set
            CONFIG_ARM64_VA_BITS=48
            CONFIG_OFFSET=-12
            CONFIG_PHYS_BASE=0x4000FfFf
            """;
        // Leading blanks, an escaped quote inside a string, CRLF endings and a tristate m.
        var good = text
            + "\n   CONFIG_CMDLINE=\"console=ttyAMA0 \\\"quoted\\\"\"   \r\nCONFIG_MODULE=m\r\n";

        var config = KernelConfig.Parse(good, "defconfig");

        Assert.Equal("defconfig", config.Source);
        Assert.Equal(
            [
                ("ARCH", "arm64", 4),
                ("CONFIG_TRANSPARENT_HUGEPAGE", "y", 6),
                ("CONFIG_ARM64_CONTPTE", "n", 7),
                ("CONFIG_DEBUG_VM", "n", 8),
                ("CONFIG_ARM64_VA_BITS", "48", 9),
                ("CONFIG_OFFSET", "-12", 10),
                ("CONFIG_PHYS_BASE", "0x4000FfFf", 11),
                ("CONFIG_CMDLINE", "\"console=ttyAMA0 \\\"quoted\\\"\"", 12),
                ("CONFIG_MODULE", "m", 13),
            ],
            config.Assignments.Select(a => (a.Name, a.Value, a.Line)));
        Assert.All(config.Assignments, a => Assert.Equal("defconfig", a.Source));
        Assert.Equal("defconfig:4", config.Assignments[0].Location);
    }

    [Fact]
    public void A_comment_that_only_mentions_a_symbol_is_ignored()
    {
        var config = KernelConfig.Parse("# CONFIG_X is set somewhere else\n# see CONFIG_Y\n");

        Assert.Empty(config.Assignments);
    }

    [Fact]
    public void Empty_text_has_no_assignments() =>
        Assert.Empty(KernelConfig.Parse("").Assignments);

    [Theory]
    [InlineData("CONFIG_A=y\nfoo\n", 2, "malformed line 'foo'")]
    [InlineData("\n\n# comment\nCONFIG_A=yes\n", 4, "malformed value for CONFIG_A: 'yes'")]
    [InlineData("CONFIG_A=y\r\nCONFIG_B = y\r\n", 2, "malformed line 'CONFIG_B = y'")]
    [InlineData("CONFIG_A=\n", 1, "malformed value for CONFIG_A: ''")]
    [InlineData("CONFIG_S=\"unterminated\n", 1, "malformed value for CONFIG_S")]
    [InlineData("CONFIG_S=\"a\"b\"\n", 1, "malformed value for CONFIG_S")]
    [InlineData("CONFIG_H=0x\n", 1, "malformed value for CONFIG_H: '0x'")]
    [InlineData("CONFIG_H=0x1g\n", 1, "malformed value for CONFIG_H: '0x1g'")]
    [InlineData("# ok\nconfig_a=y\n", 2, "malformed line 'config_a=y'")]
    [InlineData("CONFIG_A=y\n\nARCH=ARM64\n", 3, "malformed ARCH value 'ARM64'")]
    [InlineData("ARCH=\n", 1, "malformed ARCH value ''")]
    [InlineData("CONFIG_A y\n", 1, "malformed line 'CONFIG_A y'")]
    public void A_malformed_line_is_an_error_naming_source_and_line(string text, int line, string problem)
    {
        var e = Assert.Throws<KconfigParseException>(() => KernelConfig.Parse(text, "my.config"));

        Assert.Equal("my.config", e.SourceName);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"my.config:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_the_file_in_sources_and_errors()
    {
        var dir = Directory.CreateTempSubdirectory("kconfig-tests-");
        try
        {
            var good = Path.Combine(dir.FullName, "good.config");
            File.WriteAllText(good, "CONFIG_A=y\n# CONFIG_B is not set\n");
            var bad = Path.Combine(dir.FullName, "bad.config");
            File.WriteAllText(bad, "CONFIG_A=y\n\nCONFIG_B=maybe\n");

            var config = KernelConfig.Load(good);
            var e = Assert.Throws<KconfigParseException>(() => KernelConfig.Load(bad));

            Assert.Equal("good.config", config.Source);
            Assert.Equal("good.config:2", config.Assignments[1].Location);
            Assert.StartsWith("bad.config:3: ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_of_a_missing_file_says_so() =>
        Assert.Throws<FileNotFoundException>(() => KernelConfig.Load("/nonexistent/dir/.config"));

    [Fact]
    public void FromAssignments_parses_command_line_settings_without_line_numbers()
    {
        var config = KernelConfig.FromAssignments("--set", ["CONFIG_A=y", " CONFIG_B=n ", "ARCH=generic", "CONFIG_S=\"x y\""]);

        Assert.Equal(
            [("CONFIG_A", "y"), ("CONFIG_B", "n"), ("ARCH", "generic"), ("CONFIG_S", "\"x y\"")],
            config.Assignments.Select(a => (a.Name, a.Value)));
        Assert.All(config.Assignments, a => Assert.Equal(0, a.Line));
        Assert.Equal("--set", config.Assignments[0].Location);
    }

    [Theory]
    [InlineData("CONFIG_A", "assignment 2 malformed line 'CONFIG_A'")]
    [InlineData("CONFIG_A=on", "assignment 2 malformed value for CONFIG_A: 'on'")]
    [InlineData("A=y", "assignment 2 malformed line 'A=y'")]
    [InlineData("ARCH=x 86", "assignment 2 malformed ARCH value 'x 86'")]
    [InlineData("# CONFIG_A is not set", "assignment 2 malformed line")]
    public void FromAssignments_reports_which_assignment_is_malformed(string second, string problem)
    {
        var e = Assert.Throws<KconfigParseException>(() => KernelConfig.FromAssignments("--set", ["CONFIG_OK=y", second]));

        Assert.Equal("--set", e.SourceName);
        Assert.Equal(0, e.Line);
        Assert.StartsWith("--set: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPairs_validates_names_and_values()
    {
        var config = KernelConfig.FromPairs("environment", [new("CONFIG_A", "n"), new("CONFIG_N", "0x10")]);
        var e = Assert.Throws<KconfigParseException>(() =>
            KernelConfig.FromPairs("environment", [new("CONFIG_A", "n"), new("CONFIG-B", "y")]));

        Assert.Equal([("CONFIG_A", "n"), ("CONFIG_N", "0x10")], config.Assignments.Select(a => (a.Name, a.Value)));
        Assert.Contains("assignment 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("CONFIG-B=y", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_source_has_no_assignments()
    {
        var config = KernelConfig.Empty("nothing");

        Assert.Equal("nothing", config.Source);
        Assert.Empty(config.Assignments);
    }
}
