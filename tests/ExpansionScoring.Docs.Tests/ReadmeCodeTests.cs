using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ExpansionScoring.Docs.Tests;

/// <summary>
/// Every <c>csharp</c> block of README.md compiles as pasted: on its own, as a program of top-level statements, with
/// the usings it shows and the .NET SDK's implicit ones (System, System.Collections.Generic, System.IO, System.Linq,
/// System.Net.Http, System.Threading, System.Threading.Tasks), against the packages and ASP.NET Core. Blocks that need
/// no web host are also run, so an example that throws (the JSON round trip once did) fails here.
/// </summary>
public sealed partial class ReadmeCodeTests
{
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    public static TheoryData<int, int> Blocks()
    {
        var data = new TheoryData<int, int>();
        foreach (var block in ReadBlocks())
        {
            data.Add(block.Index, block.Line);
        }

        return data;
    }

    [Fact]
    public void Readme_HasCSharpBlocks()
        => Assert.True(ReadBlocks().Count >= 10, "README.md should hold its C# examples in ```csharp blocks");

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task Block_AsPasted_CompilesAndRuns(int index, int line)
    {
        var block = ReadBlocks()[index];
        var compilation = CSharpCompilation.Create(
            $"ReadmeBlock{index}",
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(block.Code, new CSharpParseOptions(LanguageVersion.Latest), path: $"README.md:{line}")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"The block at README.md line {line} does not compile as pasted:\n{string.Join("\n", errors)}\n\n{block.Code}");

        if (block.Code.Contains("WebApplication", StringComparison.Ordinal))
        {
            return; // A web host: compiling is the check; running it would start a server.
        }

        var assembly = Assembly.Load(image.ToArray());
        var result = assembly.EntryPoint!.Invoke(null, assembly.EntryPoint.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        if (result is Task task)
        {
            await task;
        }
    }

    private static readonly Lazy<List<MetadataReference>> References = new(() =>
    {
        // The assemblies of the runtime this test runs on (.NET and ASP.NET Core) and the packages under test.
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return [.. tpa.Split(Path.PathSeparator).Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Select(p => MetadataReference.CreateFromFile(p))];
    });

    private static List<(int Index, int Line, string Code)> ReadBlocks()
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var blocks = new List<(int, int, string)>();
        foreach (Match m in Fence().Matches(text))
        {
            int line = text.AsSpan(0, m.Index).Count('\n') + 2;
            blocks.Add((blocks.Count, line, m.Groups[1].Value));
        }

        return blocks;
    }

    [GeneratedRegex(@"^```csharp[ \t]*\r?\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
