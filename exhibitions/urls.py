app_name = "exhibitions"
urlpatterns = []
