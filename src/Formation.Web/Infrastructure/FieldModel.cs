using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Formation.Web.Infrastructure;

/// <summary>One labelled form field with its validation messages next to it.</summary>
public sealed record FieldModel(string Name, string Label, string? Value, ModelStateDictionary State, string Type = "text", int Rows = 3);
