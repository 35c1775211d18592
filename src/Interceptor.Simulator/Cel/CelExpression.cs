using Cel;

namespace Interceptor.Simulator.Cel;

/// <summary>
/// One compiled CEL expression (the Cel package: parse once, evaluate per request). Whether it reads
/// <c>oldSelf</c> decides if it is a transition rule (apiextensions-apiserver pkg/apiserver/schema/cel/compilation.go
/// sets UsesOldSelf from the checked AST; here a token scan, which the rules this server meets satisfy).
/// </summary>
internal sealed class CelExpression
{
    private static readonly CelEnvironment Environment = new(null, null);
    private static readonly Lock CompileGate = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CelExpression> Cache = new(StringComparer.Ordinal);
    private readonly CelProgramDelegate _program;

    private CelExpression(string text, CelProgramDelegate program)
    {
        Text = text;
        _program = program;
    }

    public string Text { get; }

    public bool UsesOldSelf => System.Text.RegularExpressions.Regex.IsMatch(Text, @"\boldSelf\b");

    /// <summary>Compiles <paramref name="text"/>; a syntax error is a <see cref="CelException"/> naming the position.</summary>
    public static CelExpression Compile(string text)
    {
        lock (CompileGate)
        {
            // The environment is shared; compiling is not documented as thread-safe, evaluating a program is pure.
            return new CelExpression(text, Environment.Compile(text));
        }
    }

    /// <summary>Compiled once per text: policies are read from the store on every request.</summary>
    public static CelExpression Cached(string text) => Cache.GetOrAdd(text, Compile);

    /// <summary>The result, or the evaluation error's message (no such key, no overload...) as upstream reports it.</summary>
    public CelResult Evaluate(IDictionary<string, object?> variables)
    {
        try
        {
            return new CelResult(_program(variables!), null);
        }
        catch (CelException e)
        {
            return new CelResult(null, e.Message);
        }
    }
}
