using ArchPgtable.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

var config = DefaultConfig.Instance;
if (!FloorNative.IsAvailable)
{
    Console.WriteLine(FloorNative.Unavailable);
    config = config.AddFilter(new SimpleFilter(b => !b.Descriptor.WorkloadMethod.Name.StartsWith("CFloor", StringComparison.Ordinal)));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
