import wagtail_factories

from .models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "The Test Gazette"
    slug = "home"

    class Meta:
        model = HomePage
