namespace Interceptor.Migration;

/// <summary>The three values of a condition's status, as the API spells them.</summary>
public static class PodConditionTypeStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
