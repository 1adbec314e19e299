using ExpansionScoring.Cli.Input;

namespace ExpansionScoring.Cli.Commands;

/// <summary>
/// Reads a whole book through the input layer (<see cref="AccountSources"/>, <see cref="AccountRowParser"/>) into
/// memory, for commands that need every account at once (<c>compare</c>). Rejected rows are reported, never dropped.
/// </summary>
internal static class BookReader
{
    /// <summary>Reads the accounts of <paramref name="input"/>; <paramref name="reject"/> hears each rejected row.</summary>
    /// <returns>The accounts, the number of data rows read, and each account's first kept column (<c>--keep</c>) by id.</returns>
    public static (List<Account> Accounts, long Rows, Dictionary<string, string?> FirstKept) Read(string input, TextReader stdin, InputSchema schema, InputSettings settings, Action<string> warn, Action<Rejection> reject, OverridesFile? overrides, CancellationToken cancellationToken)
    {
        using var source = AccountSources.Open(input, stdin, schema, settings, warn);
        var parser = new AccountRowParser(schema, source.FieldNames, InputSetup.Values(settings), (source as CsvAccountSource)?.Map.ColumnOfField);
        var accounts = new List<Account>();
        var firstKept = new Dictionary<string, string?>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var row in source.ReadRows())
        {
            if (++rows % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var account = parser.Parse(row, out var rejection);
            if (account is null)
            {
                reject(rejection!);
                continue;
            }

            accounts.Add(overrides is null ? account : overrides.Apply(account));
            if (row.Kept is [var kept, ..])
            {
                firstKept[account.Id] = kept?.Trim();
            }
        }

        return (accounts, rows, firstKept);
    }
}
