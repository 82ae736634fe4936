"""Help texts for the staff who read but may not change (the council members): a help text that
tells the editor what to type or which action to take is no help to them, and would tell them to
do the secretariat's work. A model admin (or inline) names each field's text for its readers in
`reader_help_texts`, "" for none; the editors keep the model's own."""


class ReaderHelpTexts:
    """For a ModelAdmin."""

    reader_help_texts: dict[str, str] = {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.reader_help_texts and not self.has_change_permission(request, obj):
            kwargs["help_texts"] = {**self.reader_help_texts, **kwargs.get("help_texts", {})}
        return super().get_form(request, obj, change=change, **kwargs)


class InlineReaderHelpTexts:
    """For an InlineModelAdmin."""

    reader_help_texts: dict[str, str] = {}

    def get_formset(self, request, obj=None, **kwargs):
        if self.reader_help_texts and not self.has_change_permission(request, obj):
            kwargs["help_texts"] = {**self.reader_help_texts, **kwargs.get("help_texts", {})}
        return super().get_formset(request, obj, **kwargs)
