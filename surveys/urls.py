app_name = "surveys"

urlpatterns = []
