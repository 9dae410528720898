import { notBuiltPage } from "../not-built-page";

const { Page, generateMetadata } = notBuiltPage("dashboards");
export { generateMetadata };
export default Page;
