"""Admin pages and inlines that show records written elsewhere."""


class RecordAdmin:
    """A model's own admin pages for reading only: a log nobody edits, rows
    kept up by another page. Mix in before `admin.ModelAdmin` (or a subclass);
    the list and change pages stay, add, change and delete are refused."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
