using System.Text;
using ExpansionScoring.Cli;
using ExpansionScoring.Cli.Commands;

// Buffered standard output (Console.Out flushes on every write, far too slow for a million rows); progress, messages
// and warnings go to standard error, so results can always be piped.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { AutoFlush = false };
using var stdin = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
var environment = new CliEnvironment(
    TimeProvider.System,
    ErrorIsTerminal: !Console.IsErrorRedirected,
    OutputIsTerminal: !Console.IsOutputRedirected,
    TerminalWidth: Console.IsOutputRedirected ? null : SafeWidth());

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await Cli.RunAsync(args, stdin, stdout, Console.Error, environment, cancel.Token).ConfigureAwait(false);

static int? SafeWidth()
{
    try
    {
        return Console.WindowWidth;
    }
    catch (IOException)
    {
        return null;
    }
}
