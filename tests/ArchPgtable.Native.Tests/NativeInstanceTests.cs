namespace ArchPgtable.Native.Tests;

/// <summary>A native instance replaces the helpers only: everything else is the model build's.</summary>
public sealed class NativeInstanceTests
{
    [Fact]
    public void The_native_instance_keeps_the_models_machines_hardware_and_findings()
    {
        var native = NativeTree.Native();
        var model = NativeTree.Model();

        Assert.NotNull(native.Machines);
        Assert.Equal(model.Machines!.Presets.Select(p => p.Name), native.Machines!.Presets.Select(p => p.Name));
        Assert.Equal(model.Hardware.Description, native.Hardware.Description);
        Assert.Equal(model.KnownFindings, native.KnownFindings);
        Assert.NotEqual(model.Ops.GetType(), native.Ops.GetType());
        Assert.Contains("helpers: native C from Linux 6.12", native.Description, StringComparison.Ordinal);
    }
}
