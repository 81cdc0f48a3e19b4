"""Admin inlines that show a record written elsewhere."""


class RecordInline:
    """Rows staff read on the parent's page but never add, change or delete
    there: what the citizen wrote, a stored file, a rendered version. Mix in
    before `admin.StackedInline` or `admin.TabularInline`; every field shown is
    read-only."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False
