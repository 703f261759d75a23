using ArchPgtable.Benchmarks;
using ArchPgtable.Benchmarks.Interleaved;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "interleave")
{
    return InterleavedCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "hooks")
{
    return HookRoundsCommand.Run(args[1..]);
}

var config = DefaultConfig.Instance;
if (!FloorNative.IsAvailable)
{
    Console.WriteLine(FloorNative.Unavailable);
    config = config.AddFilter(new SimpleFilter(b => !b.Descriptor.WorkloadMethod.Name.StartsWith("CFloor", StringComparison.Ordinal)));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
