using System.Text;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// Where a result goes: standard output, or a file given with <c>--out</c> / <c>--rejects</c>. A regular file is written
/// under a temporary name beside it and moved into place only by <see cref="Commit"/>, so a run that fails (or stops on
/// <c>--strict</c>) leaves no output file behind, and never a half-written one. What the path names is never replaced:
/// a symbolic link is followed and its final target written (atomically, the link stays a link); a device or a FIFO is
/// written through, as a shell redirection would; a socket or a directory is refused.
/// </summary>
internal sealed class OutputTarget : IDisposable
{
    private const int MaxLinkDepth = 40;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string? path;
    private readonly string? tempPath;
    private readonly string? shownPath;
    private readonly string? option;
    private bool done;

    private OutputTarget(TextWriter writer, string? path, string? tempPath, string? shownPath = null, string? option = null)
    {
        Writer = writer;
        this.path = path;
        this.tempPath = tempPath;
        this.shownPath = shownPath;
        this.option = option;
    }

    public TextWriter Writer { get; }

    /// <summary>
    /// Gets the file's stream for a writer that encodes UTF-8 itself (skipping <see cref="Writer"/>'s UTF-16 step), or
    /// <see langword="null"/> for standard output. Use one or the other, never both.
    /// </summary>
    public Stream? FileStream => path is not null && Writer is StreamWriter w ? w.BaseStream : null;

    public bool IsFile => path is not null;

    public static OutputTarget ToStandardOutput(TextWriter stdout) => new(stdout, null, null);

    /// <exception cref="CliException">The path names a directory or a socket, its folder does not exist, or it cannot be written.</exception>
    public static OutputTarget ToFile(string path, string option)
    {
        string target = Canonical(path, option);
        var kind = FileKinds.Of(target);
        switch (kind)
        {
            case FileKind.Directory:
                throw new CliException($"{option} {path}: is a directory, not a file");
            case FileKind.Socket:
                throw new CliException($"{option} {path}: is a socket; give a file, a device or a FIFO");
            case FileKind.CharacterDevice or FileKind.BlockDevice or FileKind.Fifo:
                // Written through: renaming a file over a device or a FIFO would replace it.
                try
                {
                    var through = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
                    return new OutputTarget(new StreamWriter(through, Utf8NoBom, 1 << 16), target, null, path, option);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"{option} {path}: cannot write there: {ex.Message}", ex);
                }
        }

        string folder = Path.GetDirectoryName(target) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new CliException($"{option} {path}: the folder does not exist");
        }

        string temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            return new OutputTarget(new StreamWriter(stream, Utf8NoBom, 1 << 16), target, temp, path, option);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {path}: cannot write there: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Returns the absolute path with every symbolic link in it followed, so two spellings of one file (relative,
    /// through a linked folder, or a link to it) compare equal.
    /// </summary>
    /// <exception cref="CliException">A link loops or goes deeper than 40 levels.</exception>
    public static string Canonical(string path, string option)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? string.Empty;
        string current = root;
        var parts = new Queue<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        int links = 0;
        while (parts.TryDequeue(out string? part))
        {
            string next = Path.Combine(current, part);
            if (FileKinds.Of(next) != FileKind.SymbolicLink)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinkDepth)
            {
                throw new CliException($"{option} {path}: too many levels of symbolic links");
            }

            string link = new FileInfo(next).LinkTarget!;
            string resolved = Path.GetFullPath(link, current);
            string resolvedRoot = Path.GetPathRoot(resolved) ?? string.Empty;
            var rest = new Queue<string>(resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
            foreach (string remaining in parts)
            {
                rest.Enqueue(remaining);
            }

            parts = rest;
            current = resolvedRoot;
        }

        return Path.GetFullPath(current);
    }

    /// <summary>Refuses two options that name one file, in whatever spelling; the second would silently replace the first.</summary>
    /// <exception cref="CliException">Both name the same file.</exception>
    public static void RequireDistinct(string? first, string firstOption, string? second, string secondOption)
    {
        if (first is not null && second is not null && string.Equals(Canonical(first, firstOption), Canonical(second, secondOption), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new CliException($"{firstOption} {first} and {secondOption} {second} name the same file; give each its own");
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

        try
        {
            Writer.Dispose();
        }
        catch (IOException ex) when (keep)
        {
            DeleteTemporary();
            throw new CliException($"{option} {shownPath}: cannot write there: {ex.Message}", ex);
        }
        catch (IOException)
        {
            // Not kept: a device that refuses the rest changes nothing.
        }

        if (tempPath is null)
        {
            return;
        }

        if (keep)
        {
            Replace(tempPath, path);
            return;
        }

        DeleteTemporary();
    }

    /// <summary>
    /// Moves the finished output into place. An earlier file of that name is first moved aside and deleted only after
    /// the new one is in place, so at every moment the name holds the old output or the new one, or the old one waits
    /// beside it under a temporary name. Not one rename over the old file: on ext4 renaming over an existing file
    /// makes the kernel write the new file's data to disk before the rename returns (its <c>auto_da_alloc</c>
    /// safeguard), which held a 350 MB output for a fifth of a second with nothing else to do.
    /// </summary>
    private static void Replace(string temporary, string target)
    {
        if (!File.Exists(target))
        {
            File.Move(temporary, target);
            return;
        }

        string aside = $"{temporary}.old";
        File.Move(target, aside);
        try
        {
            File.Move(temporary, target);
        }
        catch
        {
            File.Move(aside, target); // put the old output back; the new one stays under its temporary name
            throw;
        }

        try
        {
            File.Delete(aside);
        }
        catch (IOException)
        {
            // The new output is in place; a leftover of the old one is not worth failing the run for.
        }
    }

    private void DeleteTemporary()
    {
        if (tempPath is null)
        {
            return;
        }

        try
        {
            File.Delete(tempPath);
        }
        catch (IOException)
        {
        }
    }
}
