using System.CommandLine;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// The trace of one command run: a <see cref="TraceRecorder"/> when <c>--trace</c> was given (else
/// <see cref="Recorder"/> is null and nothing is installed anywhere), written to the file when the
/// command finishes.
/// </summary>
internal sealed class TraceSession
{
    private readonly string? _path;
    private readonly string _format;

    private TraceSession(string? path, string format, TraceRecorder? recorder)
    {
        _path = path;
        _format = format;
        Recorder = recorder;
    }

    /// <summary>The recorder, or null when tracing is off.</summary>
    public TraceRecorder? Recorder { get; }

    /// <summary>Reads the options; a file whose folder does not exist is an error before anything runs.</summary>
    public static TraceSession Start(ParseResult parse, TraceOptions options, out string? error)
    {
        error = null;
        var path = parse.GetValue(options.File);
        if (path is null)
        {
            return new TraceSession(null, "json", null);
        }

        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (path.Length == 0 || Directory.Exists(full) || (dir is not null && !Directory.Exists(dir)))
        {
            error = Directory.Exists(full)
                ? $"--trace '{path}' is a folder; give a file name."
                : $"--trace '{path}': the folder '{dir}' does not exist.";
            return new TraceSession(null, "json", null);
        }

        return new TraceSession(full, parse.GetValue(options.Format) ?? "json", new TraceRecorder(parse.GetValue(options.Limit)));
    }

    /// <summary>Writes the trace file (when tracing); returns an error sentence when it cannot be written.</summary>
    public string? Finish()
    {
        if (Recorder is null || _path is null)
        {
            return null;
        }

        try
        {
            using var stream = System.IO.File.Create(_path);
            if (_format == "text")
            {
                using var writer = new StreamWriter(stream);
                FtraceTextWriter.Write(Recorder, writer);
            }
            else
            {
                ChromeTraceWriter.Write(Recorder, stream);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--trace '{_path}' cannot be written: {e.Message}";
        }
    }
}
