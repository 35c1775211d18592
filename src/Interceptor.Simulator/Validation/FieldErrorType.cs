namespace Interceptor.Simulator.Validation;

/// <summary>apimachinery pkg/util/validation/field ErrorType: what went wrong with one field.</summary>
internal enum FieldErrorType
{
    Required,
    Invalid,
    TypeInvalid,
    NotSupported,
    TooLong,
    TooMany,
    Duplicate,
    Forbidden,
}
