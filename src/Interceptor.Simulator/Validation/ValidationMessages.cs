namespace Interceptor.Simulator.Validation;

/// <summary>The message builders of apimachinery pkg/util/validation/validation.go, worded exactly as there.</summary>
internal static class ValidationMessages
{
    /// <summary>EmptyError.</summary>
    public const string Empty = "must be non-empty";

    /// <summary>MaxLenError.</summary>
    public static string MaxLen(int length) => $"must be no more than {length} characters";

    /// <summary>
    /// RegexError: each example quoted and followed by ", ", joined by " or " (so upstream prints
    /// <c>'my-name',  or '123-abc',</c> with two spaces), then the regex.
    /// </summary>
    public static string Regex(string message, string format, params string[] examples) =>
        examples.Length == 0
            ? $"{message} (regex used for validation is '{format}')"
            : $"{message} (e.g. {string.Join(" or ", examples.Select(e => $"'{e}', "))}regex used for validation is '{format}')";
}
