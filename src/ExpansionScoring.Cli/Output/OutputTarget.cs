using System.Text;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// Where a result goes: standard output, or a file given with <c>--out</c> / <c>--rejects</c>. A file is written under a
/// temporary name beside it and moved into place only by <see cref="Commit"/>, so a run that fails (or stops on
/// <c>--strict</c>) leaves no output file behind, and never a half-written one.
/// </summary>
internal sealed class OutputTarget : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string? path;
    private readonly string? tempPath;
    private bool done;

    private OutputTarget(TextWriter writer, string? path, string? tempPath)
    {
        Writer = writer;
        this.path = path;
        this.tempPath = tempPath;
    }

    public TextWriter Writer { get; }

    /// <summary>
    /// Gets the file's stream for a writer that encodes UTF-8 itself (skipping <see cref="Writer"/>'s UTF-16 step), or
    /// <see langword="null"/> for standard output. Use one or the other, never both.
    /// </summary>
    public Stream? FileStream => path is not null && Writer is StreamWriter w ? w.BaseStream : null;

    public bool IsFile => path is not null;

    public static OutputTarget ToStandardOutput(TextWriter stdout) => new(stdout, null, null);

    /// <exception cref="CliException">The file's folder does not exist or cannot be written.</exception>
    public static OutputTarget ToFile(string path, string option)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new CliException($"{option} {path}: the folder does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new CliException($"{option} {path}: is a directory, not a file");
        }

        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            return new OutputTarget(new StreamWriter(stream, Utf8NoBom, 1 << 16), full, temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {path}: cannot write there: {ex.Message}", ex);
        }
    }

    /// <summary>Flushes, and for a file moves it into place.</summary>
    public void Commit() => Finish(keep: true);

    /// <summary>Without <see cref="Commit"/>, deletes the temporary file so nothing is left behind.</summary>
    public void Dispose() => Finish(keep: false);

    private void Finish(bool keep)
    {
        if (done)
        {
            return;
        }

        done = true;
        if (path is null)
        {
            Writer.Flush();
            return;
        }

        Writer.Dispose();
        if (keep)
        {
            File.Move(tempPath!, path, overwrite: true);
            return;
        }

        try
        {
            File.Delete(tempPath!);
        }
        catch (IOException)
        {
        }
    }
}
