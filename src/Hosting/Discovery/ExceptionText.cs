using System.Composition.Hosting;
using System.Reflection;

namespace ArchPgtable.Hosting.Discovery;

/// <summary>Turns an exception from loading or composing a plugin into one line naming the root cause.</summary>
internal static class ExceptionText
{
    public static string RootCause(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        while (true)
        {
            switch (e)
            {
                case ReflectionTypeLoadException { LoaderExceptions: var loader } when loader.FirstOrDefault(x => x is not null) is { } first:
                    e = first;
                    continue;
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                case CompositionFailedException { InnerException: { } inner }:
                    e = inner;
                    continue;
                case AggregateException { InnerExceptions: [var single] }:
                    e = single;
                    continue;
                default:
                    return $"{e.GetType().Name}: {OneLine(e.Message)}";
            }
        }
    }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
