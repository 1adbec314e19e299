using System.CommandLine;
using System.CommandLine.Parsing;
using ExpansionScoring.Cli.Commands;

namespace ExpansionScoring.Cli;

/// <summary>
/// The <c>expansion-score</c> tool, runnable in-process: arguments in, exit code out, with standard input, output and
/// error passed in. Results go to <c>stdout</c> (or <c>--out</c>); messages, warnings and progress go to <c>stderr</c>.
/// Exit codes: 0 every row scored; 2 finished, some rows rejected (all listed); 1 nothing done.
/// </summary>
internal static class Cli
{
    public const string ToolName = "expansion-score";

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var env = environment ?? CliEnvironment.Redirected;
        stderr = new Output.TerminalSafeWriter(stderr);
        try
        {
            var root = BuildCommands(stdin, stdout, stderr, env);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    stderr.WriteLine($"error: {error.Message}");
                }

                stderr.WriteLine($"Run '{ToolName} --help' for usage.");
                return ExitCodes.Failed;
            }

            var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled; no output file was written");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
#pragma warning disable CA1031 // The tool's promise: no stack trace ever reaches the user.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Failed;
        }
        finally
        {
            // Not with the run's token: after Ctrl+C the output and the "cancelled" message must still be written.
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static RootCommand BuildCommands(TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var root = new RootCommand("Scores which B2B SaaS accounts are ready to expand: probability, band, next-best offer, dollar opportunity and pitch window. With no command, scores the built-in demo book.");
        root.SetAction((_, ct) => PortfolioCommand.RunAsync(new PortfolioRequest(null, "table", null, null, null, null, null, null, null, Quiet: true), stdin, stdout, stderr, env, ct));
        root.Subcommands.Add(Score(stdin, stdout, stderr, env));
        root.Subcommands.Add(Portfolio(stdin, stdout, stderr, env));
        root.Subcommands.Add(Inspect(stdin, stdout));
        root.Subcommands.Add(Demo(stdin, stdout, stderr, env));
        root.Subcommands.Add(Presets(stdout, env));
        root.Subcommands.Add(Calibrate(stdin, stdout, stderr, env));
        root.Subcommands.Add(Compare(stdin, stdout, stderr, env));
        return root;
    }

    private static Command Score(TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var input = InputArgument();
        var format = CommonOptions.Format("csv", "csv", "json", "jsonl", "table", "parquet");
        var output = CommonOptions.Out();
        var rejects = new Option<string>("--rejects") { Description = "Write the rejected rows to this CSV file (line, account_id, field, value, reason)", HelpName = "FILE" };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first rejected row with exit code 1 and write no output file" };
        var excel = new Option<bool>("--excel") { Description = "Write the CSV for a spreadsheet: a UTF-8 byte order mark and, with --culture, the culture's separator and decimal mark, so it opens right with a double-click" };
        var compact = new Option<bool>("--compact") { Description = "Write only the numbers and names (no explanation text) and score in chunks on the columnar batch path: for books of millions" };
        var pitch = new Option<bool>("--pitch") { Description = "Add each account's pitch script: a talk track on its loudest signal and the business case; fix-first for gated accounts (csv: pitch_kind and pitch columns, json: pitch, table: the opening line)" };
        var common = new CommonOptions();
        var inputOptions = new InputOptions();
        var command = new Command("score", "Score every account of a book; rows that cannot be scored are listed as rejected") { input, format, output, rejects, strict, compact, excel, pitch };
        foreach (var option in common.All.Concat(inputOptions.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => ScoreCommand.RunAsync(
            new ScoreRequest(
                parse.GetRequiredValue(input),
                ScoreCommand.Format(parse.GetResult(format) is { Implicit: false } ? parse.GetValue(format) : null, parse.GetValue(output)),
                parse.GetValue(output),
                parse.GetValue(rejects),
                parse.GetValue(strict),
                parse.GetValue(common.Model),
                parse.GetValue(common.Preset),
                parse.GetValue(common.Config),
                parse.GetValue(common.AsOf),
                parse.GetValue(common.Overrides),
                parse.GetValue(common.Top),
                parse.GetValue(common.Quiet),
                parse.GetValue(compact),
                parse.GetValue(pitch)) { InputOptions = inputOptions.Request(parse), Excel = parse.GetValue(excel) },
            stdin,
            stdout,
            stderr,
            env,
            ct));
        return command;
    }

    private static Command Portfolio(TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var input = InputArgument();
        var format = CommonOptions.Format("table", "table", "json", "html");
        var output = CommonOptions.Out();
        var common = new CommonOptions();
        var inputOptions = new InputOptions();
        var groupBy = new Option<string>("--group-by") { Description = "Also summarise the book per value of this input column (per CSM, per region), by its header text", HelpName = "COLUMN" };
        var command = new Command("portfolio", "Summarise a book: pipeline per band and window, top offers, headline and report card") { input, format, output, groupBy };
        foreach (var option in common.All.Concat(inputOptions.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => PortfolioCommand.RunAsync(Request(parse, parse.GetRequiredValue(input), format, output, common) with { InputOptions = inputOptions.Request(parse), GroupBy = parse.GetValue(groupBy) }, stdin, stdout, stderr, env, ct));
        return command;
    }

    private static Command Inspect(TextReader stdin, TextWriter stdout)
    {
        var input = InputArgument();
        var config = new Option<string>("--config") { Description = "JSON options file: its extra signals are columns too, and its Input section is read as the mapping", HelpName = "FILE" };
        var inputOptions = new InputOptions();
        var command = new Command("inspect", "Show how an export is read: separator, encoding, culture, rows, each column's field with a sample value and what it parses to, and the first problems, so the mapping can be fixed in one go") { input, config };
        foreach (var option in inputOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => InspectCommand.Run(parse.GetRequiredValue(input), inputOptions.Request(parse), parse.GetValue(config), stdin, stdout));
        return command;
    }

    private static Command Demo(TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var format = CommonOptions.Format("table", "table", "json", "html");
        var output = CommonOptions.Out();
        var common = new CommonOptions();
        var command = new Command("demo", "The built-in demo book's portfolio summary") { format, output };
        foreach (var option in common.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => PortfolioCommand.RunAsync(Request(parse, null, format, output, common), stdin, stdout, stderr, env, ct));
        return command;
    }

    private static PortfolioRequest Request(ParseResult parse, string? input, Option<string> format, Option<string> output, CommonOptions common) => new(
        input,
        parse.GetValue(format) ?? "table",
        parse.GetValue(output),
        parse.GetValue(common.Model),
        parse.GetValue(common.Preset),
        parse.GetValue(common.Config),
        parse.GetValue(common.AsOf),
        parse.GetValue(common.Overrides),
        parse.GetValue(common.Top),
        parse.GetValue(common.Quiet));

    private static Command Presets(TextWriter stdout, CliEnvironment env)
    {
        var format = CommonOptions.Format("table", "table", "json");
        var config = new Option<string>("--config") { Description = "Also list the presets defined in this JSON options file", HelpName = "FILE" };
        var output = CommonOptions.Out();
        var command = new Command("presets", "List the weight presets") { format, config, output };
        command.SetAction(parse => PresetsCommand.Run(parse.GetValue(format) ?? "table", parse.GetValue(config), parse.GetValue(output), stdout, env));
        return command;
    }

    private static Command Calibrate(TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var history = new Argument<string>("HISTORY") { Description = "A .csv or .json history of outcomes (account_id, probability, composite, band, expanded, expansion_dollars, optional signals), or - for CSV on standard input" };
        var format = CommonOptions.Format("table", "table", "json", "html");
        var output = CommonOptions.Out();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary on standard error" };
        var command = new Command("calibrate", "Backtest recorded scores against outcomes and suggest a probability transform and weights (never applied)") { history, format, output, quiet };
        command.SetAction(parse => Calibration.CalibrateCommand.Run(parse.GetRequiredValue(history), parse.GetValue(format) ?? "table", parse.GetValue(output), parse.GetValue(quiet), stdin, stdout, stderr, env));
        return command;
    }

    private static Command Compare(TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment env)
    {
        var before = new Argument<string>("BEFORE") { Description = "The earlier snapshot of the book (.csv or .json, or - for CSV on standard input)" };
        var after = new Argument<string>("AFTER") { Description = "The later snapshot (the same file again to preview a model change)" };
        var format = CommonOptions.Format("table", "table", "csv", "json", "html");
        var output = CommonOptions.Out();
        var all = new Option<bool>("--all") { Description = "List every account in both books, not only those that changed" };
        Option<string> Side(string name, string description, string helpName) => new(name) { Description = description, HelpName = helpName };
        var asOfBefore = Side("--as-of-before", "Score BEFORE as of this date; default: the after date", "yyyy-MM-dd");
        var asOfAfter = Side("--as-of-after", "Score AFTER as of this date; default: --as-of, else today in UTC", "yyyy-MM-dd");
        var modelBefore = Side("--model-before", "Ready-made model for BEFORE; default: --model", "NAME");
        var modelAfter = Side("--model-after", "Ready-made model for AFTER; default: --model", "NAME");
        var presetBefore = Side("--preset-before", "Weight preset for BEFORE; default: --preset", "NAME");
        var presetAfter = Side("--preset-after", "Weight preset for AFTER; default: --preset", "NAME");
        var configBefore = Side("--config-before", "Options file for BEFORE; default: --config", "FILE");
        var configAfter = Side("--config-after", "Options file for AFTER; default: --config", "FILE");
        var failOnChange = new Option<bool>("--fail-on-change") { Description = "Exit with code 3 when any account's band, offer or window changed (to gate a model change in CI)" };
        var plays = Side("--plays", "JSON file of plays (event, action, owner, due) replacing the default trigger plays", "FILE");
        var tasks = Side("--tasks", "Write the task list the plays make (account_id,name,event,action,owner,due,opportunity) to this CSV file", "FILE");
        var common = new CommonOptions();
        var inputOptions = new InputOptions();
        var command = new Command("compare", "The weekly loop: what changed between two snapshots of a book (or one book under two models), why, what it is worth, and the tasks it makes")
        {
            before, after, format, output, all, asOfBefore, asOfAfter, modelBefore, modelAfter, presetBefore, presetAfter, configBefore, configAfter, failOnChange, plays, tasks,
        };
        foreach (var option in common.All.Concat(inputOptions.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) =>
        {
            string? asOf = parse.GetValue(common.AsOf), model = parse.GetValue(common.Model), preset = parse.GetValue(common.Preset), config = parse.GetValue(common.Config);
            return CompareCommand.RunAsync(
                new CompareRequest(
                    new CompareSide(parse.GetRequiredValue(before), parse.GetValue(asOfBefore), parse.GetValue(modelBefore) ?? model, parse.GetValue(presetBefore) ?? preset, parse.GetValue(configBefore) ?? config, "--as-of-before"),
                    new CompareSide(parse.GetRequiredValue(after), parse.GetValue(asOfAfter) ?? asOf, parse.GetValue(modelAfter) ?? model, parse.GetValue(presetAfter) ?? preset, parse.GetValue(configAfter) ?? config, parse.GetValue(asOfAfter) is null ? "--as-of" : "--as-of-after"),
                    parse.GetValue(format) ?? "table",
                    parse.GetValue(output),
                    parse.GetValue(all),
                    parse.GetValue(common.Overrides),
                    parse.GetValue(common.Top),
                    parse.GetValue(common.Quiet),
                    parse.GetValue(failOnChange),
                    parse.GetValue(plays),
                    parse.GetValue(tasks)) { InputOptions = inputOptions.Request(parse) },
                stdin,
                stdout,
                stderr,
                env,
                ct);
        });
        return command;
    }

    private static Argument<string> InputArgument() => new("INPUT") { Description = "A .csv or .json export of the book, - for CSV on standard input, or a book in parts: a folder, or a glob such as exports/*.csv" };
}
