using System.IO.Pipelines;
using System.Text;
using CsvHelper;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Hands rows read from a typed file (an Excel sheet, a Parquet book) to <see cref="CsvAccountSource"/> as CSV through a
/// pipe, so such a file is mapped, counted and rejected by exactly the same reader as a CSV export, on both score paths,
/// while memory stays flat.
/// </summary>
internal static class RowsAsCsv
{
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { NewLine = "\n", Separator = ',' };

    /// <summary>Starts <paramref name="write"/> on its own task, writing CSV into the pipe the returned source reads.</summary>
    /// <param name="path">The file, as messages name it.</param>
    /// <param name="schema">The columns the book is read into.</param>
    /// <param name="settings">The input settings; the delimiter and encoding are those of the CSV the pipe carries.</param>
    /// <param name="requireIdAndArr">Whether a missing id or ARR column is an error (as for scoring).</param>
    /// <param name="write">Writes the header and then every row.</param>
    /// <param name="failure">The error the reader reports for an exception of <paramref name="write"/>; null ends the rows there.</param>
    public static CsvAccountSource Open(string path, InputSchema schema, InputSettings settings, bool requireIdAndArr, Func<CsvWriter, Task> write, Func<Exception, Exception?> failure)
    {
        var pipe = new Pipe();
        _ = Task.Run(() => Write(write, failure, pipe.Writer));
        // The same settings, for the CSV the pipe carries: comma-separated UTF-8, whatever the mapping says for a text file.
        var csvSettings = new InputSettings();
        csvSettings.Overlay(settings);
        csvSettings.Delimiter = ",";
        csvSettings.Encoding = null;

        return CsvAccountSource.Open(pipe.Reader.AsStream(), path, schema, csvSettings, totalBytes: null, requireIdAndArr);
    }

    private static async Task Write(Func<CsvWriter, Task> write, Func<Exception, Exception?> failure, PipeWriter pipe)
    {
        try
        {
            // leaveOpen, so that disposing the writers does not complete the pipe before a failure can be handed on.
            using (var text = new StreamWriter(pipe.AsStream(leaveOpen: true), new UTF8Encoding(false), 1 << 16))
            using (var csv = CsvWriter.Create(text, CsvOptions, leaveOpen: true))
            {
                await write(csv).ConfigureAwait(false);
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The reader on the other end of the pipe reports it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await pipe.CompleteAsync(failure(ex)).ConfigureAwait(false);
        }
    }
}
