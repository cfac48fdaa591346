// Installs the Allure runtime (allure.* calls, label and link tags); the reporter itself is a formatter in the
// `ci` profile of cucumber.js.
import 'allure-cucumberjs';
